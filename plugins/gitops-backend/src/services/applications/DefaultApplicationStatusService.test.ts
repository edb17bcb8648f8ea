import type {
  ApplicationDetail,
  ApplicationSummary,
  GitOpsTarget,
} from '@gitops-guide/backstage-plugin-gitops-common';
import { DefaultApplicationStatusService } from './DefaultApplicationStatusService';
import type { ApplicationStatusSource, SourceAnswer } from './types';

function app(instance: string, name: string): ApplicationSummary {
  return { instance, name, kind: 'Application' } as ApplicationSummary;
}

/** A source over fixed applications that records the targets it was given. */
function fakeSource(instances: string[], apps: ApplicationSummary[]) {
  const targets: GitOpsTarget[] = [];
  const source: ApplicationStatusSource = {
    argoCdInstances: () => instances,
    servesInstance: name => instances.includes(name),
    async getApplications(target): Promise<SourceAnswer> {
      targets.push(target);
      const asked = target.instances ?? instances;
      return {
        applications: apps.filter(
          a => asked.includes(a.instance) && target.appNames?.includes(a.name),
        ),
        errors: [],
        searched: asked.map(instance => ({
          instance,
          describeMissing: name => `${instance} has no ${name}`,
        })),
      };
    },
    async getApplicationDetail(_target, ref) {
      return { ...app(ref.instance, ref.name), history: [] } as never;
    },
  };
  return { source, targets };
}

describe('DefaultApplicationStatusService', () => {
  const api = fakeSource(['central', 'shared'], [app('central', 'checkout')]);
  const clusters = fakeSource(
    ['prod-eu', 'shared'],
    [app('prod-eu', 'payments')],
  );
  const service = DefaultApplicationStatusService.create({
    sources: [api.source, clusters.source],
  });

  beforeEach(() => {
    api.targets.length = 0;
    clusters.targets.length = 0;
  });

  it('gives each source only the instance names it serves; a later source wins a shared name', async () => {
    await service.getApplications({
      appNames: ['checkout'],
      instances: ['central', 'shared', 'prod-eu'],
    });
    expect(api.targets[0].instances).toEqual(['central']);
    expect(clusters.targets[0].instances).toEqual(['shared', 'prod-eu']);
  });

  it('passes a target without instance names through unchanged', async () => {
    const target = { appNames: ['checkout'] };
    await service.getApplications(target);
    expect(api.targets).toEqual([target]);
    expect(clusters.targets).toEqual([target]);
  });

  it('merges the answers and reports a name found nowhere once per place searched', async () => {
    const result = await service.getApplications({
      appNames: ['checkout', 'payments', 'typo'],
      instances: ['central', 'prod-eu', 'nowhere'],
    });
    expect(result.applications.map(a => `${a.instance}/${a.name}`)).toEqual([
      'central/checkout',
      'prod-eu/payments',
    ]);
    expect(result.errors.map(e => e.message)).toEqual([
      "No Argo CD instance named 'nowhere' is configured (configured: central, shared, prod-eu)",
      'central has no typo',
      'prod-eu has no typo',
    ]);
  });

  it('sends a detail to the source that serves the instance', async () => {
    const detail: ApplicationDetail = await service.getApplicationDetail(
      { appNames: ['payments'] },
      { instance: 'shared', name: 'payments' },
    );
    expect(detail.instance).toBe('shared');
    await expect(
      service.getApplicationDetail(
        { appNames: ['payments'] },
        { instance: 'nowhere', name: 'payments' },
      ),
    ).rejects.toThrow(
      "Application 'payments' cannot be on 'nowhere': no Argo CD instance or Kubernetes cluster of that name is configured",
    );
  });
});
