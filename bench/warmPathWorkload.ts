import type { Entity } from '@backstage/catalog-model';
import type { ApplicationsResponse } from '@gitops-guide/backstage-plugin-gitops-common';

/**
 * The workload of the warm path bench: the catalog entities, the routes
 * measured side by side, and how long each measurement runs.
 */

/** Services in the catalog (`svc-0000` … `svc-0299`), each with three apps in the simulator. */
export const SERVICES = 300;
export const ENVIRONMENTS = ['dev', 'staging', 'prod'] as const;
export const APPLICATIONS = SERVICES * ENVIRONMENTS.length;
/** Short histories: the bench loads cards only, never details. */
export const HISTORY_LENGTH = 5;
/** Long enough that every card stays warm for the whole run. */
export const CACHE_TTL_SECONDS = 600;
/**
 * `BENCH_WARM_PATH_WATCH=1`: the instances are watched (the plugin's
 * default), so lists come from memory instead of the cache. Without it they
 * are listed per request (`watch: false`) and cached, the slower of the two.
 */
export const WATCH = process.env.BENCH_WARM_PATH_WATCH === '1';
export const FIGURES_NAME = WATCH ? 'warm-path-watch' : 'warm-path';

/**
 * The two routes are measured interleaved, so that whatever else the machine
 * does weighs on both alike. Concurrency 1: pairs of loads (the lookup and
 * the card of one entity, in alternating order), one load at a time.
 */
export const SERIAL_PAIRS = 400;
/**
 * Concurrency {@link CONCURRENCY}: windows of {@link WINDOW_MS}, one route at
 * a time, in pairs of alternating order ({@link WINDOW_PAIRS} per route),
 * each after {@link WINDOW_WARM_UP_MS} that is not counted.
 */
export const CONCURRENCY = 20;
export const WINDOW_PAIRS = 12;
export const WINDOW_MS = 1_500;
export const WINDOW_WARM_UP_MS = 250;
/** The card may cost this many by-name lookups. */
export const TARGET_RATIO = 1.5;

/** The guest, as in the demo (examples/catalog-info.yaml): a member of payments-team. */
export const GUEST_REF = 'user:development/guest';
export const GUEST_OWNERSHIP = [GUEST_REF, 'group:default/payments-team'];

export const serviceName = (index: number) =>
  `svc-${String(index).padStart(4, '0')}`;

/** How an entity selects its apps; all three forms of the demo's catalog. */
export type AnnotationForm = 'selector' | 'one name' | 'names + project';

export const ANNOTATION_FORMS: AnnotationForm[] = [
  'selector',
  'one name',
  'names + project',
];

export const formOf = (service: number): AnnotationForm =>
  ANNOTATION_FORMS[service % ANNOTATION_FORMS.length];

/** The generator puts every app of `svc-N` in project `team-(N % 10)`. */
function annotations(service: number): Record<string, string> {
  const name = serviceName(service);
  switch (formOf(service)) {
    case 'selector':
      return { 'argocd/app-selector': `app.kubernetes.io/part-of=${name}` };
    case 'one name':
      return { 'argocd/app-name': `${name}-prod` };
    default:
      return {
        'argocd/app-name': ENVIRONMENTS.map(env => `${name}-${env}`).join(','),
        'argocd/project-name': `team-${service % 10}`,
      };
  }
}

/** How many applications the card of `service` shows. */
export const expectedApplications = (service: number) =>
  formOf(service) === 'one name' ? 1 : ENVIRONMENTS.length;

/** A catalog entity of about the size of a real one: description, links, tags, system. */
export function serviceEntity(service: number): Entity {
  const name = serviceName(service);
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      title: `Service ${service}`,
      description: `Load service ${service}: deployed by Argo CD to dev, staging and prod.`,
      tags: ['load', 'argocd', `team-${service % 10}`],
      links: [
        {
          url: `https://github.com/acme/${name}`,
          title: 'Repository',
        },
      ],
      annotations: {
        'backstage.io/source-location': `url:https://github.com/acme/${name}`,
        'github.com/project-slug': `acme/${name}`,
        ...annotations(service),
      },
    },
    spec: {
      type: 'service',
      lifecycle: 'production',
      owner: `group:default/team-${service % 10}`,
      system: 'load',
    },
  };
}

/** The guest and its group, as in the demo's catalog. */
const PEOPLE: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'payments-team', namespace: 'default' },
    spec: { type: 'team', children: [] },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name: 'guest', namespace: 'development' },
    spec: { memberOf: ['group:default/payments-team'] },
  },
];

/** The catalog file: JSON documents, which YAML reads as they are. */
export function catalogYaml(): string {
  const entities = [
    ...PEOPLE,
    ...Array.from({ length: SERVICES }, (_, i) => serviceEntity(i)),
  ];
  return entities.map(entity => JSON.stringify(entity)).join('\n---\n');
}

/** The two routes measured side by side, for the same entity. */
export const byNamePath = (service: number) =>
  `/api/catalog/entities/by-name/component/default/${serviceName(service)}`;

export const cardPath = (service: number) =>
  `/api/gitops/entities/component/default/${serviceName(service)}/applications`;

export function checkCard(body: ApplicationsResponse, service: number): void {
  if (
    body.applications.length !== expectedApplications(service) ||
    body.errors.length
  ) {
    throw new Error(
      `${serviceName(service)}: expected ${expectedApplications(
        service,
      )} applications and no errors, got ${JSON.stringify(body).slice(0, 300)}`,
    );
  }
}
