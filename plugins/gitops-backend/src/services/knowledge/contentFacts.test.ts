import {
  HEALTH_STATUSES,
  MESSAGE_PATTERNS,
  OPERATION_PHASES,
  SIGNAL_ROLLBACK_CANDIDATE,
  SIGNAL_SOURCE_HELM,
  SIGNAL_SOURCE_MULTI,
  SYNC_STATUSES,
  signalCategory,
  type KnowledgeEntry,
  type QuizItem,
} from '@gitops-guide/backstage-plugin-gitops-common';
import fs from 'fs';
import path from 'path';
import YAML from 'yaml';
import {
  ARGOCD_CONDITION_TYPES,
  CHECKED_IN_KINDS,
  FLUX_CONDITION_REASONS,
  type ServedKind,
} from './__fixtures__/upstreamNames';
import { bundledContentDirectory } from './bundledContentDirectory';
import { KnowledgeBase, loadKnowledgeBase } from './loadKnowledgeBase';

/**
 * Facts in the bundled content that a rule can check: signals that name
 * something Argo CD or Flux really reports, quiz answers the entry teaches,
 * and API versions the CRDs serve.
 */

/** `shared/` next to the repository: Argo CD's and Flux's own files (see its READMEs). */
const SHARED_DIR = path.resolve(__dirname, '../../../../../../shared');

const MESSAGE_IDS = new Set(MESSAGE_PATTERNS.map(pattern => pattern.id));
const FLUX_REASONS = new Set(Object.values(FLUX_CONDITION_REASONS).flat());
const SIGNAL_VALUES: Record<string, ReadonlySet<string>> = {
  sync: new Set(SYNC_STATUSES),
  health: new Set(HEALTH_STATUSES),
  operation: new Set(OPERATION_PHASES),
  condition: new Set(ARGOCD_CONDITION_TYPES),
  reason: FLUX_REASONS,
  message: MESSAGE_IDS,
  flux: new Set(['ready', 'not-ready', 'suspended']),
  // The Flux kinds the plugin reads (gitops-common flux/normalize.ts).
  kind: new Set(['Kustomization', 'HelmRelease']),
  source: new Set(
    [SIGNAL_SOURCE_MULTI, SIGNAL_SOURCE_HELM].map(s => s.split(':')[1]),
  ),
  history: new Set([SIGNAL_ROLLBACK_CANDIDATE.split(':')[1]]),
  setting: new Set(['enabled', 'disabled']),
};

/** Why a content signal names nothing the vocabulary knows, or undefined when it is fine. */
function signalProblem(signal: string): string | undefined {
  const category = signalCategory(signal);
  if (!category) {
    return 'unknown signal category';
  }
  const value = signal.slice(signal.indexOf(':') + 1);
  const known = SIGNAL_VALUES[category];
  if (known.has(value)) {
    return undefined;
  }
  switch (category) {
    case 'message':
      return 'not the id of a MESSAGE_PATTERNS entry';
    case 'reason':
      return 'not a Flux condition reason (see __fixtures__/upstreamNames.ts)';
    case 'condition':
      return 'not an Argo CD ApplicationCondition type';
    default:
      return `not a ${category} value (${[...known].join(', ')})`;
  }
}

// --- quiz answers ---------------------------------------------------------

const STOP_WORDS = new Set(
  (
    'a an the and or but if of to in on at by for with from as is are was ' +
    'were be been being it its this that these those which what when where ' +
    'who whom why how do does did not no nor can could should would may ' +
    'might must will shall than then there their them they you your we our ' +
    'us i he she his her into onto over under about after before between ' +
    'through during without within only also just so such each every any ' +
    'all some most more other another same own both either neither one two ' +
    'use used using via per vs versus'
  ).split(' '),
);

/** A crude stem, the same on both sides: `healing` → `heal`, `prunes` → `prun`. */
function stem(word: string): string {
  let w = word;
  if (w.length > 4 && w.endsWith('ies')) w = `${w.slice(0, -3)}y`;
  else if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss'))
    w = w.slice(0, -1);
  if (w.length > 5 && w.endsWith('ing')) w = w.slice(0, -3);
  else if (w.length > 4 && w.endsWith('ed')) w = w.slice(0, -2);
  if (w.length > 3 && w.endsWith('e')) w = w.slice(0, -1);
  return w;
}

function contentWords(text: string): string[] {
  return (text.toLowerCase().match(/[a-z0-9]+/g) ?? [])
    .filter(word => !STOP_WORDS.has(word))
    .map(stem);
}

/** Answers of at most this many content words are names; the entry must use them next to what the prompt asks. */
const SHORT_ANSWER_WORDS = 3;
/** Share of an answer's content words the entry must contain. */
const ANSWER_WORDS_STATED = 0.5;

interface QuizText {
  summary: string;
  body: string;
}

/**
 * Why an entry (or entries) does not state a quiz item's correct answer, or
 * undefined. Words used by more than half of all entries say nothing
 * (`argo`, `sync`, `cluster`) and are ignored. Every answer must have at least
 * half of its content words in the entry's summary and body; a short answer
 * (a name such as "Matrix generator") must also appear, whole, in one
 * paragraph that uses a word of the prompt, so the entry says what the name
 * does rather than merely mentioning it.
 */
function unstatedAnswer(
  item: QuizItem,
  entries: QuizText[],
  common: ReadonlySet<string>,
): string | undefined {
  const meaningful = (text: string) =>
    [...new Set(contentWords(text))].filter(word => !common.has(word));
  const answer = meaningful(item.options[item.answer]);
  if (answer.length === 0) {
    return undefined;
  }
  const text = new Set(
    entries.flatMap(entry => contentWords(`${entry.summary}\n${entry.body}`)),
  );
  const missing = answer.filter(word => !text.has(word));
  if ((answer.length - missing.length) / answer.length < ANSWER_WORDS_STATED) {
    return `answer words not in the entry: ${missing.join(', ')}`;
  }
  if (contentWords(item.options[item.answer]).length > SHORT_ANSWER_WORDS) {
    return undefined;
  }
  const prompt = meaningful(item.prompt).filter(word => !answer.includes(word));
  const paragraphs = entries.flatMap(entry =>
    [entry.summary, ...entry.body.split(/\n\s*\n/)].map(
      paragraph => new Set(contentWords(paragraph)),
    ),
  );
  const stated = paragraphs.some(
    words =>
      answer.every(word => words.has(word)) &&
      (prompt.length === 0 || prompt.some(word => words.has(word))),
  );
  return stated
    ? undefined
    : `no paragraph uses "${answer.join(
        ' ',
      )}" together with a word of the prompt (${prompt.join(', ')})`;
}

function commonWords(entries: QuizText[]): Set<string> {
  const documents = new Map<string, number>();
  for (const entry of entries) {
    for (const word of new Set(
      contentWords(`${entry.summary}\n${entry.body}`),
    )) {
      documents.set(word, (documents.get(word) ?? 0) + 1);
    }
  }
  return new Set(
    [...documents]
      .filter(([, count]) => count / entries.length > 0.5)
      .map(([word]) => word),
  );
}

// --- API versions ---------------------------------------------------------

const CHECKED_GROUP = /^(?:argoproj\.io|[a-z]+\.toolkit\.fluxcd\.io)$/;

interface CrdDocument {
  spec: {
    group: string;
    names: { kind: string };
    versions: Array<{ name: string; served: boolean; deprecated?: boolean }>;
  };
}

function servedKindFromCrd(file: string): ServedKind {
  const crd = YAML.parse(
    fs.readFileSync(path.join(SHARED_DIR, file), 'utf8'),
  ) as CrdDocument;
  const served = crd.spec.versions.filter(version => version.served);
  return {
    group: crd.spec.group,
    kind: crd.spec.names.kind,
    served: served.filter(v => !v.deprecated).map(v => v.name),
    deprecated: served.filter(v => v.deprecated).map(v => v.name),
    source: `shared/${file}`,
  };
}

function servedKinds(): ServedKind[] {
  return [
    servedKindFromCrd('argocd/application-crd.yaml'),
    servedKindFromCrd('flux/kustomizations-crd.yaml'),
    servedKindFromCrd('flux/helmreleases-crd.yaml'),
    ...CHECKED_IN_KINDS,
  ];
}

/** `apiVersion` and `kind` of every top-level object in the YAML code blocks of a Markdown body. */
function yamlObjects(
  body: string,
): Array<{ apiVersion: string; kind: string }> {
  const objects: Array<{ apiVersion: string; kind: string }> = [];
  for (const block of body.matchAll(/^```ya?ml[^\n]*\n([\s\S]*?)^```/gm)) {
    for (const document of block[1].split(/^---[^\n]*$/m)) {
      // Line-based rather than a YAML parse: examples may elide parts (`# ...`).
      const apiVersion = /^apiVersion:\s*(\S+)/m.exec(document)?.[1];
      const kind = /^kind:\s*(\S+)/m.exec(document)?.[1];
      if (apiVersion && kind) {
        objects.push({ apiVersion, kind });
      }
    }
  }
  return objects;
}

function apiVersionProblem(
  object: { apiVersion: string; kind: string },
  kinds: ServedKind[],
): string | undefined {
  const slash = object.apiVersion.lastIndexOf('/');
  const group = slash > 0 ? object.apiVersion.slice(0, slash) : '';
  const version = object.apiVersion.slice(slash + 1);
  if (!CHECKED_GROUP.test(group)) {
    return undefined;
  }
  const known = kinds.find(k => k.group === group && k.kind === object.kind);
  if (!known) {
    return `no CRD known for ${group} ${object.kind}: add it to __fixtures__/upstreamNames.ts from its CRD`;
  }
  if (known.served.includes(version)) {
    return undefined;
  }
  return known.deprecated?.includes(version)
    ? `${version} is deprecated; use ${known.served.join(' or ')} (${
        known.source
      })`
    : `${version} is not a version known to be served; use ${known.served.join(
        ' or ',
      )} (${known.source})`;
}

describe('facts in the bundled knowledge content', () => {
  let base: KnowledgeBase;

  beforeAll(async () => {
    base = await loadKnowledgeBase({
      directories: [bundledContentDirectory()],
    });
  });

  describe('signals', () => {
    it('rejects signals outside the vocabulary', () => {
      expect(signalProblem('message:retries exhausted')).toBe(
        'not the id of a MESSAGE_PATTERNS entry',
      );
      expect(signalProblem('reason:RetriesExhausted')).toMatch(/Flux/);
      expect(signalProblem('condition:SyncFailed')).toMatch(/Argo CD/);
      expect(signalProblem('sync:Failed')).toMatch(/not a sync value/);
      expect(signalProblem('status:Degraded')).toBe('unknown signal category');
      expect(signalProblem('reason:RetriesExceeded')).toBeUndefined();
      expect(signalProblem('message:field is immutable')).toBeUndefined();
    });

    it('uses only signals that Argo CD or Flux can produce', () => {
      const problems = base.entries.flatMap(entry =>
        entry.signals.flatMap(signal => {
          const problem = signalProblem(signal);
          return problem ? [`${entry.id}: ${signal}: ${problem}`] : [];
        }),
      );
      expect(problems).toEqual([]);
    });
  });

  describe('quiz answers', () => {
    const entry = (body: string): QuizText => ({ summary: 'S', body });
    const selfHealing: QuizItem = {
      prompt:
        'What do we call an operator putting a cluster back to the Git-declared state after someone changed it by hand?',
      options: ['Promotion', 'Pruning', 'Self-healing', 'Hydration'],
      answer: 2,
      explanation: 'E',
    };
    const matrix: QuizItem = {
      prompt:
        'Which generator combines two other generators into their cross product?',
      options: ['Merge generator', 'Matrix generator'],
      answer: 1,
      explanation: 'E',
    };

    it('notices an answer the entry never states', () => {
      expect(
        unstatedAnswer(
          selfHealing,
          [entry('Drift is visible within minutes and can be reverted.')],
          new Set(),
        ),
      ).toMatch(/self, heal/);
      expect(
        unstatedAnswer(
          selfHealing,
          [entry('Self-healing puts the cluster back to the state in Git.')],
          new Set(),
        ),
      ).toBeUndefined();
    });

    it('wants a short answer next to what the prompt asks, not merely mentioned', () => {
      expect(
        unstatedAnswer(
          matrix,
          [entry('Matrix and merge generators for combinations.')],
          new Set(),
        ),
      ).toMatch(/no paragraph/);
      expect(
        unstatedAnswer(
          matrix,
          [
            entry(
              'The matrix generator yields the cross product of two generators.',
            ),
          ],
          new Set(),
        ),
      ).toBeUndefined();
    });

    it('states the correct answer of every quiz item in its entry', () => {
      const common = commonWords(base.entries);
      const problems = base.entries.flatMap((e: KnowledgeEntry) =>
        e.quiz.flatMap((item, index) => {
          const problem = unstatedAnswer(item, [e], common);
          return problem ? [`${e.id} quiz ${index + 1}: ${problem}`] : [];
        }),
      );
      expect(problems).toEqual([]);
    });

    it('states the correct answer of every skill check item in an entry it links', () => {
      const common = commonWords(base.entries);
      const byId = new Map(base.entries.map(e => [e.id, e]));
      const problems = (base.skillCheck?.items ?? []).flatMap((item, index) => {
        const linked = item.related.flatMap(id => byId.get(id) ?? []);
        const problem = unstatedAnswer(item, linked, common);
        return problem ? [`skill check item ${index + 1}: ${problem}`] : [];
      });
      expect(problems).toEqual([]);
    });
  });

  describe('API versions', () => {
    it('knows the served versions of the CRDs in shared/', () => {
      const kinds = servedKinds();
      expect(
        kinds
          .slice(0, 3)
          .map(k => `${k.group}/${k.served.join(',')} ${k.kind}`),
      ).toEqual([
        'argoproj.io/v1alpha1 Application',
        'kustomize.toolkit.fluxcd.io/v1 Kustomization',
        'helm.toolkit.fluxcd.io/v2 HelmRelease',
      ]);
      expect(
        apiVersionProblem(
          { apiVersion: 'helm.toolkit.fluxcd.io/v2beta1', kind: 'HelmRelease' },
          kinds,
        ),
      ).toMatch(/not a version known to be served/);
      expect(
        apiVersionProblem(
          {
            apiVersion: 'image.toolkit.fluxcd.io/v1beta2',
            kind: 'ImagePolicy',
          },
          kinds,
        ),
      ).toMatch(/deprecated/);
      expect(
        apiVersionProblem({ apiVersion: 'apps/v1', kind: 'Deployment' }, kinds),
      ).toBeUndefined();
    });

    it('uses a served, current apiVersion for every Argo CD and Flux object in a YAML example', () => {
      const kinds = servedKinds();
      const problems = base.entries.flatMap(entry =>
        yamlObjects(entry.body).flatMap(object => {
          const problem = apiVersionProblem(object, kinds);
          return problem
            ? [`${entry.id}: ${object.apiVersion} ${object.kind}: ${problem}`]
            : [];
        }),
      );
      expect(problems).toEqual([]);
    });

    it('names only known versions of Argo CD and Flux API groups in prose', () => {
      const kinds = servedKinds();
      const problems = base.entries.flatMap(entry =>
        [
          ...`${entry.summary}\n${entry.body}`.matchAll(
            /\b((?:[a-z]+\.toolkit\.fluxcd\.io)|argoproj\.io)\/(v\d+(?:(?:alpha|beta)\d+)?)\b/g,
          ),
        ].flatMap(([mention, group, version]) =>
          kinds.some(
            k =>
              k.group === group &&
              (k.served.includes(version) || k.deprecated?.includes(version)),
          )
            ? []
            : [`${entry.id}: ${mention}`],
        ),
      );
      expect(problems).toEqual([]);
    });
  });
});
