import { ConfigReader } from '@backstage/config';
import type { KnowledgeQuery } from '@gitops-guide/backstage-plugin-gitops-common';
import { fork } from 'node:child_process';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { bundledContentDirectory } from '../plugins/gitops-backend/src/services/knowledge/bundledContentDirectory';
import { DefaultKnowledgeService } from '../plugins/gitops-backend/src/services/knowledge/DefaultKnowledgeService';
import { loadKnowledgeBase } from '../plugins/gitops-backend/src/services/knowledge/loadKnowledgeBase';
import type { ColdLoad } from './knowledgeLoadProcess';
import {
  environment,
  formatMs,
  heading,
  type LatencySummary,
  silentLogger,
  summarize,
  table,
  verdict,
  writeFigures,
} from './report';

/**
 * Issue 4, "what it must show" 5: search latency over the whole bundled
 * corpus and the content load time at startup, in a cold process and warm.
 */

const COLD_PROCESSES = 5;
const WARM_LOADS = 15;
const SEARCH_WARM_UP_ROUNDS = 100;
const SEARCH_ROUNDS = 300;
const SEARCH_P95_TARGET_MS = 1;

/** What people type: words, phrases, questions, typos, glued words, prefixes, filters, and misses. */
const QUERIES: { kind: string; query: KnowledgeQuery }[] = [
  { kind: 'word', query: { q: 'immutable' } },
  { kind: 'word', query: { q: 'rollback' } },
  { kind: 'word', query: { q: 'drift' } },
  { kind: 'word', query: { q: 'helm' } },
  { kind: 'word', query: { q: 'applicationset' } },
  { kind: 'word', query: { q: 'prune' } },
  { kind: 'multiword', query: { q: 'sealed secrets' } },
  { kind: 'multiword', query: { q: 'self heal' } },
  { kind: 'multiword', query: { q: 'app of apps' } },
  { kind: 'multiword', query: { q: 'sync waves hooks' } },
  { kind: 'multiword', query: { q: 'database migrations' } },
  { kind: 'multiword', query: { q: 'progressive delivery canary' } },
  { kind: 'multiword', query: { q: 'push vs pull' } },
  { kind: 'multiword', query: { q: 'multi cluster' } },
  { kind: 'multiword', query: { q: 'argocd app rollback auto-sync' } },
  { kind: 'question', query: { q: 'why is my application out of sync' } },
  {
    kind: 'question',
    query: { q: 'synced and healthy but the service is broken' },
  },
  { kind: 'question', query: { q: 'how do I roll back a bad deploy' } },
  { kind: 'message', query: { q: 'field is immutable' } },
  { kind: 'message', query: { q: 'CrashLoopBackOff' } },
  { kind: 'message', query: { q: 'HelmRelease not ready' } },
  { kind: 'typo', query: { q: 'rolback' } },
  { kind: 'typo', query: { q: 'kustomzie overlays' } },
  { kind: 'typo', query: { q: 'reconcilation' } },
  { kind: 'typo', query: { q: 'secrest management' } },
  { kind: 'typo', query: { q: 'obsevability alerting' } },
  { kind: 'compound', query: { q: 'selfheal' } },
  { kind: 'compound', query: { q: 'sealedsecrets' } },
  { kind: 'compound', query: { q: 'outofsync' } },
  { kind: 'prefix', query: { q: 'kust' } },
  { kind: 'prefix', query: { q: 'reconc' } },
  { kind: 'filter', query: { q: 'sync', kind: 'runbook' } },
  { kind: 'filter', query: { q: 'secrets', level: 'senior' } },
  { kind: 'filter', query: { q: 'health', topic: 'troubleshooting' } },
  {
    kind: 'filter',
    query: { q: 'argocd', level: 'entry', kind: 'glossary' },
  },
  { kind: 'filter only', query: { topic: 'flux' } },
  { kind: 'filter only', query: { level: 'sre' } },
  { kind: 'miss', query: { q: 'terraform cloud pricing' } },
  { kind: 'miss', query: { q: 'zzqx' } },
];

function describeQuery(query: KnowledgeQuery): string {
  const parts = query.q ? [JSON.stringify(query.q)] : [];
  for (const key of ['topic', 'level', 'kind'] as const) {
    if (query[key]) parts.push(`${key}=${query[key]}`);
  }
  return parts.join(' ');
}

function median(values: number[]): number {
  return summarize(values).p50;
}

async function coldLoad(): Promise<ColdLoad> {
  const child = fork(path.join(__dirname, 'knowledgeLoadProcess.ts'));
  return new Promise<ColdLoad>((resolve, reject) => {
    child.once('message', message => resolve(message as ColdLoad));
    child.once('error', reject);
    child.once('exit', code => {
      if (code !== 0) {
        reject(new Error(`The knowledge load process exited with ${code}`));
      }
    });
  });
}

/** Timings of repeated loads in this process, one sample a load. */
interface WarmLoads {
  load: number[];
  index: number[];
  total: number[];
}

interface Corpus {
  entries: number;
  byKind: Record<string, number>;
  bodyWords: number;
}

interface SearchFigures {
  overall: LatencySummary;
  queries: {
    kind: string;
    query: KnowledgeQuery;
    latency: LatencySummary;
    results: number;
    top: string;
  }[];
  pass: boolean;
}

const coldMedian = (cold: ColdLoad[], key: keyof ColdLoad) =>
  median(cold.map(c => c[key]));
const coldMax = (cold: ColdLoad[], key: keyof ColdLoad) =>
  Math.max(...cold.map(c => c[key]));

/** Cold: each in a fresh process, before this one has touched the content. */
async function measureColdLoads(): Promise<ColdLoad[]> {
  const cold: ColdLoad[] = [];
  for (let i = 0; i < COLD_PROCESSES; i++) {
    cold.push(await coldLoad());
  }
  return cold;
}

/** Warm: modules loaded and JIT-compiled, files in the page cache. */
async function measureWarmLoads(): Promise<WarmLoads> {
  const warm: WarmLoads = { load: [], index: [], total: [] };
  const directories = [bundledContentDirectory()];
  for (let i = 0; i < WARM_LOADS; i++) {
    const started = performance.now();
    const base = await loadKnowledgeBase({ directories });
    const loaded = performance.now();
    new DefaultKnowledgeService(base);
    const built = performance.now();
    warm.load.push(loaded - started);
    warm.index.push(built - loaded);
    warm.total.push(built - started);
  }
  return warm;
}

/** The service the way the backend creates it; searched by the rest. */
async function measureFromConfig() {
  const fromConfigStarted = performance.now();
  const service = await DefaultKnowledgeService.fromConfig(
    new ConfigReader({}),
    {
      logger: silentLogger,
    },
  );
  const fromConfigMs = performance.now() - fromConfigStarted;
  return { service, fromConfigMs };
}

async function describeCorpus(
  service: DefaultKnowledgeService,
): Promise<Corpus> {
  const entries = await service.listEntries();
  return {
    entries: entries.length,
    byKind: Object.fromEntries(
      ['question', 'runbook', 'glossary'].map(kind => [
        kind,
        entries.filter(e => e.kind === kind).length,
      ]),
    ),
    bodyWords: entries.reduce(
      (sum, e) => sum + e.body.split(/\s+/).filter(Boolean).length,
      0,
    ),
  };
}

/** Search: warm up, then interleave the queries round after round. */
async function measureSearch(
  service: DefaultKnowledgeService,
): Promise<SearchFigures> {
  for (let round = 0; round < SEARCH_WARM_UP_ROUNDS; round++) {
    for (const { query } of QUERIES) await service.search(query);
  }
  const perQuery = QUERIES.map(() => [] as number[]);
  const all: number[] = [];
  for (let round = 0; round < SEARCH_ROUNDS; round++) {
    for (let i = 0; i < QUERIES.length; i++) {
      const started = performance.now();
      await service.search(QUERIES[i].query);
      const ms = performance.now() - started;
      perQuery[i].push(ms);
      all.push(ms);
    }
  }
  const overall = summarize(all);
  const queries = await Promise.all(
    QUERIES.map(async ({ kind, query }, i) => {
      const response = await service.search(query);
      return {
        kind,
        query,
        latency: summarize(perQuery[i]),
        results: response.total,
        top: response.results[0]?.id ?? '-',
      };
    }),
  );
  return { overall, queries, pass: overall.p95 < SEARCH_P95_TARGET_MS };
}

function printCorpus(corpus: Corpus) {
  console.log(
    `Corpus: ${corpus.entries} entries (${Object.entries(corpus.byKind)
      .map(([kind, n]) => `${n} ${kind}`)
      .join(', ')}), ${corpus.bodyWords} words of body text.`,
  );
}

function printSearch({ overall, queries, pass }: SearchFigures) {
  console.log(heading('Search latency (ms, service.search, whole corpus)'));
  console.log(
    table(
      ['kind', 'query', 'results', 'top hit', 'p50', 'p95', 'max'],
      queries.map(q => [
        q.kind,
        describeQuery(q.query),
        q.results,
        q.top,
        formatMs(q.latency.p50),
        formatMs(q.latency.p95),
        formatMs(q.latency.max),
      ]),
    ),
  );
  console.log();
  console.log(
    table(
      ['all queries', 'searches', 'p50', 'p95', 'p99', 'max', 'target', ''],
      [
        [
          `${QUERIES.length} queries × ${SEARCH_ROUNDS} rounds`,
          overall.samples,
          formatMs(overall.p50),
          formatMs(overall.p95),
          formatMs(overall.p99),
          formatMs(overall.max),
          `p95 < ${SEARCH_P95_TARGET_MS} ms`,
          verdict(pass),
        ],
      ],
    ),
  );
}

function printStartup(cold: ColdLoad[], warm: WarmLoads, fromConfigMs: number) {
  console.log(heading('Content load at startup (ms)'));
  const coldRow = (
    label: string,
    of: (cold: ColdLoad[], key: keyof ColdLoad) => number,
  ) => [
    label,
    cold.length,
    formatMs(of(cold, 'loadMs')),
    formatMs(of(cold, 'indexMs')),
    formatMs(of(cold, 'loadAndIndexMs')),
    formatMs(of(cold, 'importMs')),
    formatMs(of(cold, 'firstSearchMs')),
  ];
  console.log(
    table(
      [
        '',
        'runs',
        'read + validate',
        'index build',
        'load + index',
        'module import',
        'first search',
      ],
      [
        coldRow('cold process (median)', coldMedian),
        coldRow('cold process (max)', coldMax),
        [
          'warm, same process (median)',
          WARM_LOADS,
          formatMs(median(warm.load)),
          formatMs(median(warm.index)),
          formatMs(median(warm.total)),
          '-',
          '-',
        ],
      ],
    ),
  );
  console.log(
    `Module import runs under tsx, which compiles the TypeScript sources on first use; a built backend loads compiled JavaScript.
DefaultKnowledgeService.fromConfig (load + index + logging), warm: ${formatMs(
      fromConfigMs,
    )} ms.`,
  );
}

/** Writes bench/out/knowledge.json and returns its path. */
async function saveFigures(figures: {
  corpus: Corpus;
  search: SearchFigures;
  cold: ColdLoad[];
  warm: WarmLoads;
  fromConfigMs: number;
}) {
  const { corpus, search, cold, warm, fromConfigMs } = figures;
  return writeFigures('knowledge', {
    bench: 'knowledge',
    level: 'service: DefaultKnowledgeService in process, no HTTP',
    environment: environment(),
    corpus,
    search: {
      queries: QUERIES.length,
      rounds: SEARCH_ROUNDS,
      warmUpRounds: SEARCH_WARM_UP_ROUNDS,
      overallMs: search.overall,
      targetP95Ms: SEARCH_P95_TARGET_MS,
      pass: search.pass,
      perQuery: search.queries,
    },
    startupMs: {
      coldProcesses: cold,
      coldMedian: {
        loadMs: coldMedian(cold, 'loadMs'),
        indexMs: coldMedian(cold, 'indexMs'),
        loadAndIndexMs: coldMedian(cold, 'loadAndIndexMs'),
        importMs: coldMedian(cold, 'importMs'),
        firstSearchMs: coldMedian(cold, 'firstSearchMs'),
      },
      warm: {
        loads: WARM_LOADS,
        loadMs: summarize(warm.load),
        indexMs: summarize(warm.index),
        loadAndIndexMs: summarize(warm.total),
        fromConfigMs,
      },
    },
  });
}

async function main() {
  console.log(heading('Knowledge base: search latency and startup load'));
  console.log(
    'Measured in process at the service level (DefaultKnowledgeService.search, no HTTP) over the bundled content.',
  );

  // Measured in this order: the cold processes before this one has loaded
  // the content, then the warm loads, then search on the warmed service.
  const cold = await measureColdLoads();
  const warm = await measureWarmLoads();
  const { service, fromConfigMs } = await measureFromConfig();
  const corpus = await describeCorpus(service);
  const search = await measureSearch(service);

  printCorpus(corpus);
  printSearch(search);
  printStartup(cold, warm, fromConfigMs);
  console.log(`\nKnowledge search target: ${verdict(search.pass)}`);

  const file = await saveFigures({ corpus, search, cold, warm, fromConfigMs });
  console.log(`Figures written to ${file}`);
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
