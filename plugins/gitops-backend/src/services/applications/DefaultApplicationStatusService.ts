import { NotFoundError } from '@backstage/errors';
import type {
  ApplicationDetail,
  ApplicationsResponse,
  GitOpsTarget,
  SourceError,
} from '@gitops-guide/backstage-plugin-gitops-common';
import { namedApplications, selectsArgoCd } from './targeting';
import type {
  ApplicationRef,
  ApplicationStatusService,
  ApplicationStatusSource,
  SourceAnswer,
} from './types';

/**
 * The one place that knows the sources: it gives each source the instance
 * names it answers for, merges their answers, and reports what no source
 * could: an instance name nobody configured, and a named application found
 * nowhere. When two sources answer for the same name, the later one wins
 * (a cluster named like an Argo CD instance; startup warns about it).
 * @public
 */
export class DefaultApplicationStatusService
  implements ApplicationStatusService
{
  readonly #sources: ApplicationStatusSource[];

  /** `sources` in the order their answers are listed; later ones win a shared instance name. */
  static create(options: {
    sources: ApplicationStatusSource[];
  }): DefaultApplicationStatusService {
    return new DefaultApplicationStatusService(options.sources);
  }

  private constructor(sources: ApplicationStatusSource[]) {
    this.#sources = sources;
  }

  async getApplications(target: GitOpsTarget): Promise<ApplicationsResponse> {
    const { shares, unknown } = this.#share(target.instances);
    const answers = await Promise.all(
      this.#sources.map((source, index) =>
        source.getApplications(
          shares ? { ...target, instances: shares[index] } : target,
        ),
      ),
    );
    const applications = answers.flatMap(answer => answer.applications);
    const errors: SourceError[] = [
      ...(selectsArgoCd(target)
        ? unknown.map(name => this.#unknown(name))
        : []),
      ...answers.flatMap(answer => answer.errors),
      ...missingApplications(target, answers),
    ];
    return { applications, errors };
  }

  async getApplicationDetail(
    target: GitOpsTarget,
    ref: ApplicationRef,
  ): Promise<ApplicationDetail> {
    const source = [...this.#sources]
      .reverse()
      .find(candidate => candidate.servesInstance(ref.instance));
    if (!source) {
      throw new NotFoundError(
        `${ref.kind ?? 'Application'} '${ref.name}' cannot be on '${
          ref.instance
        }': no Argo CD instance or Kubernetes cluster of that name is configured`,
      );
    }
    return source.getApplicationDetail(target, ref);
  }

  /** Which of the annotation's instance names each source answers for, and the names none does. */
  #share(instances: string[] | undefined): {
    shares?: string[][];
    unknown: string[];
  } {
    if (!instances) {
      return { unknown: [] };
    }
    const owner = new Map<string, number>();
    this.#sources.forEach((source, index) => {
      for (const name of source.argoCdInstances()) {
        owner.set(name, index);
      }
    });
    return {
      shares: this.#sources.map((_, index) =>
        instances.filter(name => owner.get(name) === index),
      ),
      unknown: instances.filter(name => !owner.has(name)),
    };
  }

  #unknown(name: string): SourceError {
    const configured = [
      ...new Set(this.#sources.flatMap(source => source.argoCdInstances())),
    ];
    return {
      instance: name,
      code: 'not-found',
      message: `No Argo CD instance named '${name}' is configured${
        configured.length ? ` (configured: ${configured.join(', ')})` : ''
      }`,
    };
  }
}

/** A named application that no source found is most likely a typo in the annotation. */
function missingApplications(
  target: GitOpsTarget,
  answers: SourceAnswer[],
): SourceError[] {
  const found = new Set(
    answers.flatMap(answer =>
      answer.applications
        .filter(app => app.kind === 'Application')
        .map(app => app.name),
    ),
  );
  const missing = (namedApplications(target) ?? []).filter(
    name => !found.has(name),
  );
  return answers.flatMap(answer =>
    missing.flatMap(name =>
      answer.searched.map(place => ({
        instance: place.instance,
        application: name,
        code: 'not-found' as const,
        message: place.describeMissing(name),
      })),
    ),
  );
}
