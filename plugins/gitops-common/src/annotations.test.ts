import type { Entity } from '@backstage/catalog-model';
import {
  ARGOCD_ANNOTATION_APP_NAME,
  hasGitOpsAnnotations,
  MAX_ARGOCD_APP_NAMES,
  MAX_ARGOCD_INSTANCE_NAMES,
  MAX_ARGOCD_PROJECT_NAMES,
  readGitOpsAnnotations,
} from './annotations';

function entity(annotations: Record<string, string>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'checkout', annotations },
    spec: {},
  };
}

describe('hasGitOpsAnnotations', () => {
  it.each([
    [{ 'argocd/app-name': 'checkout-web' }, true],
    [{ 'argocd/app-selector': 'app=checkout' }, true],
    [{ 'backstage.io/kubernetes-id': 'checkout' }, true],
    [{ 'backstage.io/kubernetes-label-selector': 'app=checkout' }, true],
    [{ 'argocd/app-name': '   ' }, false],
    [{ 'argocd/project-name': 'shop' }, false],
    [{ 'argocd/instance-name': 'prod' }, false],
    [{}, false],
  ])('%j → %s', (annotations, expected) => {
    expect(hasGitOpsAnnotations(entity(annotations))).toBe(expected);
  });

  it('copes with an entity without annotations', () => {
    expect(
      hasGitOpsAnnotations({
        apiVersion: 'v1',
        kind: 'Component',
        metadata: { name: 'x' },
      }),
    ).toBe(false);
  });
});

describe('readGitOpsAnnotations', () => {
  it('reads, trims and de-duplicates every annotation', () => {
    expect(
      readGitOpsAnnotations(
        entity({
          'argocd/app-name': ' checkout-web , checkout-worker,, checkout-web ',
          'argocd/app-selector': 'app.kubernetes.io/part-of=checkout',
          'argocd/project-name': 'shop, shop-dev',
          'argocd/app-namespace': 'team-checkout',
          'argocd/instance-name': 'prod-eu, prod-us',
          'backstage.io/kubernetes-id': 'checkout',
          'backstage.io/kubernetes-label-selector': 'app in (checkout,cart)',
        }),
      ),
    ).toEqual({
      ok: true,
      value: {
        appNames: ['checkout-web', 'checkout-worker'],
        appSelector: 'app.kubernetes.io/part-of=checkout',
        projects: ['shop', 'shop-dev'],
        appNamespace: 'team-checkout',
        instances: ['prod-eu', 'prod-us'],
        kubernetesId: 'checkout',
        kubernetesLabelSelector: 'app in (checkout,cart)',
      },
    });
  });

  it('leaves out annotations that are absent', () => {
    expect(
      readGitOpsAnnotations(entity({ 'argocd/app-name': 'checkout-web' })),
    ).toEqual({
      ok: true,
      value: { appNames: ['checkout-web'] },
    });
  });

  it('names the annotation and the bad value in every error', () => {
    const result = readGitOpsAnnotations(
      entity({
        'argocd/app-name': 'checkout-web, ../etc',
        'argocd/app-selector': 'app=checkout&x=1',
        'argocd/app-namespace': 'Team_A',
        'argocd/instance-name': 'prod/eu',
      }),
    );
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors).toEqual([
      expect.stringMatching(/^Invalid argocd\/app-name value "\.\.\/etc": /),
      expect.stringMatching(
        /^Invalid argocd\/app-selector value "app=checkout&x=1": unexpected character "&"/,
      ),
      expect.stringMatching(/^Invalid argocd\/app-namespace value "Team_A": /),
      expect.stringMatching(
        /^Invalid argocd\/instance-name value "prod\/eu": /,
      ),
    ]);
  });

  it('truncates long hostile values in errors', () => {
    const result = readGitOpsAnnotations(
      entity({ [ARGOCD_ANNOTATION_APP_NAME]: `x?${'a'.repeat(10_000)}` }),
    );
    expect(result.ok).toBe(false);
    const [error] = !result.ok ? result.errors : [];
    expect(error).toContain(`"x?${'a'.repeat(57)}…"`);
    expect(error.length).toBeLessThan(200);
  });

  const names = (count: number, prefix = 'app') =>
    Array.from({ length: count }, (_, i) => `${prefix}-${i}`).join(',');

  it.each([
    ['argocd/app-name', MAX_ARGOCD_APP_NAMES, 50],
    ['argocd/project-name', MAX_ARGOCD_PROJECT_NAMES, 20],
    ['argocd/instance-name', MAX_ARGOCD_INSTANCE_NAMES, 20],
  ])('bounds %s at %i names', (annotation, max, expected) => {
    expect(max).toBe(expected);
    const read = (count: number) =>
      readGitOpsAnnotations(
        entity({ 'argocd/app-name': 'checkout', [annotation]: names(count) }),
      );
    expect(read(max).ok).toBe(true);
    // Duplicates count once.
    expect(
      readGitOpsAnnotations(
        entity({
          'argocd/app-name': 'checkout',
          [annotation]: `${names(max)},${names(max)}`,
        }),
      ).ok,
    ).toBe(true);
    expect(read(max + 1)).toEqual({
      ok: false,
      errors: [
        `Too many values in ${annotation}: it lists ${
          max + 1
        }, at most ${max} are allowed`,
      ],
    });
  });

  it('answers thousands of names with one short error', () => {
    const result = readGitOpsAnnotations(
      entity({
        'argocd/app-name': names(5_000),
        'argocd/project-name': names(3_000, 'project'),
        'argocd/instance-name': names(3_000, 'instance'),
      }),
    );
    expect(result).toEqual({
      ok: false,
      errors: [
        'Too many values in argocd/app-name: it lists 5000, at most 50 are allowed',
        'Too many values in argocd/project-name: it lists 3000, at most 20 are allowed',
        'Too many values in argocd/instance-name: it lists 3000, at most 20 are allowed',
      ],
    });
  });

  it('shows the first three invalid items of a list and counts the rest', () => {
    const bad = Array.from({ length: 40 }, (_, i) => `Bad_${i}`).join(',');
    const result = readGitOpsAnnotations(
      entity({ 'argocd/app-name': `checkout,${bad}` }),
    );
    expect(result.ok).toBe(false);
    const errors = !result.ok ? result.errors : [];
    expect(errors).toEqual([
      expect.stringMatching(/^Invalid argocd\/app-name value "Bad_0": /),
      expect.stringMatching(/^Invalid argocd\/app-name value "Bad_1": /),
      expect.stringMatching(/^Invalid argocd\/app-name value "Bad_2": /),
      '…and 37 more invalid argocd/app-name values',
    ]);
    expect(errors.join('; ').length).toBeLessThan(1000);
  });

  it('rejects a kubernetes-id that is not a label value', () => {
    expect(
      readGitOpsAnnotations(entity({ 'backstage.io/kubernetes-id': 'a/b' })),
    ).toEqual({
      ok: false,
      errors: [
        expect.stringContaining(
          'Invalid backstage.io/kubernetes-id value "a/b"',
        ),
      ],
    });
  });

  it('is an error when nothing points at a GitOps object', () => {
    expect(
      readGitOpsAnnotations(entity({ 'argocd/project-name': 'shop' })),
    ).toEqual({
      ok: false,
      errors: [
        'None of the annotations argocd/app-name, argocd/app-selector, backstage.io/kubernetes-id, backstage.io/kubernetes-label-selector is set',
      ],
    });
  });
});
