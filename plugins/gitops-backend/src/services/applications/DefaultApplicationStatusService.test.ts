import type {
  ApplicationDetail,
  ApplicationSummary,
  GitOpsTarget,
} from '@gitops-guide/backstage-plugin-gitops-common';
import { DefaultApplicationStatusService } from './DefaultApplicationStatusService';
import type {
  ApplicationStatusSource,
  SourceAnswer,
  SourceReadOptions,
} from './types';

function app(instance: string, name: string): ApplicationSummary {
  return { instance, name, kind: 'Application' } as ApplicationSummary;
}

/** A source over fixed applications that records the targets and read options it was given. */
function fakeSource(instances: string[], apps: ApplicationSummary[]) {
  const targets: GitOpsTarget[] = [];
  const reads: Array<SourceReadOptions | undefined> = [];
  const source: ApplicationStatusSource = {
    argoCdInstances: () => instances,
    servesInstance: name => instances.includes(name),
    async getApplications(target, options): Promise<SourceAnswer> {
      targets.push(target);
      reads.push(options);
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
    async getApplicationDetail(_target, ref, options) {
      reads.push(options);
      return { ...app(ref.instance, ref.name), history: [] } as never;
    },
  };
  return { source, targets, reads };
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
    api.reads.length = 0;
    clusters.reads.length = 0;
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
      "No Argo CD instance or Kubernetes cluster named 'nowhere' is configured (see gitops.argocd.instances and gitops.kubernetes.clusters)",
      'central has no typo',
      'prod-eu has no typo',
    ]);
    // Instances the entity did not name stay unmentioned.
    expect(JSON.stringify(result.errors)).not.toContain('shared');
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

  describe('refresh', () => {
    const target = { appNames: ['checkout'] };
    const refreshed = () =>
      [...api.reads, ...clusters.reads].map(read => read?.refresh);

    it('is passed to every source once per key and interval, and not at all unasked', async () => {
      const limited = DefaultApplicationStatusService.create({
        sources: [api.source, clusters.source],
      });
      await limited.getApplications(target);
      await limited.getApplications(target, {
        refresh: true,
        refreshKey: 'component:default/a',
      });
      await limited.getApplications(target, {
        refresh: true,
        refreshKey: 'component:default/a',
      });
      await limited.getApplications(target, {
        refresh: true,
        refreshKey: 'component:default/b',
      });
      expect(api.reads.map(read => read?.refresh)).toEqual([
        false,
        true,
        false,
        true,
      ]);
      expect(clusters.reads).toEqual(api.reads);
    });

    it('limits a detail per application name, whatever kind or namespace is asked', async () => {
      const limited = DefaultApplicationStatusService.create({
        sources: [api.source, clusters.source],
      });
      const options = { refresh: true, refreshKey: 'component:default/a' };
      const ask = (ref: object) =>
        limited.getApplicationDetail(
          target,
          { instance: 'central', name: 'checkout', ...ref },
          options,
        );
      await ask({});
      await ask({ namespace: 'argocd' });
      await ask({ kind: 'Application' });
      await ask({ name: 'payments' });
      // The list has its own interval.
      await limited.getApplications(target, options);
      expect(refreshed()).toEqual([true, false, false, true, true, true]);
    });

    it('limits by the target when no refresh key is given, and not at all with an interval of 0', async () => {
      const byTarget = DefaultApplicationStatusService.create({
        sources: [api.source],
      });
      await byTarget.getApplications(target, { refresh: true });
      await byTarget.getApplications(target, { refresh: true });
      await byTarget.getApplications({ appNames: ['x'] }, { refresh: true });
      const unlimited = DefaultApplicationStatusService.create({
        sources: [api.source],
        refreshMinIntervalSeconds: 0,
      });
      await unlimited.getApplications(target, { refresh: true });
      await unlimited.getApplications(target, { refresh: true });
      expect(refreshed()).toEqual([true, false, true, true, true]);
    });
  });
});
