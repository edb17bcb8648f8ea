import { targetSelectsArgoCdApplication } from './liveUpdates';

const app = {
  instance: 'central',
  name: 'payments-api-prod',
  namespace: 'argocd',
  project: 'payments',
  labels: { 'app.kubernetes.io/part-of': 'payments-api', env: 'prod' },
};

describe('targetSelectsArgoCdApplication', () => {
  it('selects by names, or by a selector that wins over them', () => {
    expect(
      targetSelectsArgoCdApplication({ appNames: ['payments-api-prod'] }, app),
    ).toBe(true);
    expect(targetSelectsArgoCdApplication({ appNames: ['other'] }, app)).toBe(
      false,
    );
    expect(
      targetSelectsArgoCdApplication(
        {
          appSelector: 'app.kubernetes.io/part-of=payments-api',
          appNames: ['other'],
        },
        app,
      ),
    ).toBe(true);
    expect(
      targetSelectsArgoCdApplication({ appSelector: 'env=dev' }, app),
    ).toBe(false);
  });

  it('applies the instance names, projects and namespace', () => {
    const named = { appNames: ['payments-api-prod'] };
    expect(
      targetSelectsArgoCdApplication({ ...named, instances: ['edge'] }, app),
    ).toBe(false);
    expect(
      targetSelectsArgoCdApplication(
        { ...named, instances: ['edge', 'central'] },
        app,
      ),
    ).toBe(true);
    expect(
      targetSelectsArgoCdApplication({ ...named, projects: ['default'] }, app),
    ).toBe(false);
    expect(
      targetSelectsArgoCdApplication({ ...named, projects: ['payments'] }, app),
    ).toBe(true);
    expect(
      targetSelectsArgoCdApplication({ ...named, appNamespace: 'team-a' }, app),
    ).toBe(false);
    expect(
      targetSelectsArgoCdApplication(
        { ...named, projects: ['default'] },
        { ...app, project: undefined },
      ),
    ).toBe(true);
  });

  it('selects nothing without Argo CD annotations or with a selector that does not parse', () => {
    expect(
      targetSelectsArgoCdApplication({ kubernetesId: 'payments-api' }, app),
    ).toBe(false);
    expect(
      targetSelectsArgoCdApplication({ appSelector: 'env in (' }, app),
    ).toBe(false);
  });
});
