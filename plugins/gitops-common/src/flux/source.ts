import { asRecord, asString, asUrl } from '../internal/json';
import type { ApplicationSource } from '../types';

/** A source-controller object a Flux object reads from, namespace resolved. @public */
export interface FluxSourceRef {
  /** `GitRepository`, `OCIRepository`, `Bucket`, `HelmRepository`, `HelmChart`, … */
  kind: string;
  name: string;
  namespace: string;
}

/** What the caller found out about a source object. @public */
export interface FluxSourceInfo {
  /** `spec.url` of the source, e.g. `https://github.com/acme/deploy`; credentials in it are dropped. */
  url?: string;
  /** What the source follows: a branch, tag, semver range or commit (`spec.ref`). */
  ref?: string;
}

/**
 * Looks up a source object the caller has already fetched (the backend reads
 * each referenced source once and caches it). Synchronous on purpose: the
 * normalizer never does I/O.
 * @public
 */
export type FluxSourceLookup = (
  ref: FluxSourceRef,
) => FluxSourceInfo | undefined;

/** `GitRepository/flux-system/podinfo`: how a source is named when its URL is unknown. @public */
export function describeFluxSourceRef(ref: FluxSourceRef): string {
  return `${ref.kind}/${ref.namespace}/${ref.name}`;
}

function toRef(
  raw: unknown,
  defaultNamespace: string,
): FluxSourceRef | undefined {
  const ref = asRecord(raw);
  const kind = asString(ref?.kind);
  const name = asString(ref?.name);
  if (!kind || !name) {
    return undefined;
  }
  return {
    kind,
    name,
    namespace: asString(ref?.namespace) ?? defaultNamespace,
  };
}

/**
 * The source object a Kustomization (`spec.sourceRef`) or HelmRelease
 * (`spec.chart.spec.sourceRef`, else `spec.chartRef`) reads from; the
 * namespace defaults to the object's own.
 * @public
 */
export function fluxSourceRefOf(raw: unknown): FluxSourceRef | undefined {
  const root = asRecord(raw);
  const spec = asRecord(root?.spec);
  const namespace = asString(asRecord(root?.metadata)?.namespace) ?? '';
  return (
    toRef(spec?.sourceRef, namespace) ??
    toRef(asRecord(asRecord(spec?.chart)?.spec)?.sourceRef, namespace) ??
    toRef(spec?.chartRef, namespace)
  );
}

/**
 * The GitOps source of a Flux object: the source's URL when the lookup knows
 * it (else its `Kind/namespace/name`), the Kustomization path or the Helm
 * chart and version. `name` always names the source object.
 */
export function toFluxSource(
  raw: unknown,
  lookup: FluxSourceLookup | undefined,
): ApplicationSource | undefined {
  const ref = fluxSourceRefOf(raw);
  if (!ref) {
    return undefined;
  }
  const spec = asRecord(asRecord(raw)?.spec);
  const info = lookup?.(ref);
  const described = describeFluxSourceRef(ref);
  const source: ApplicationSource = {
    repoURL: asUrl(info?.url) ?? described,
    name: described,
  };
  const chartSpec = asRecord(asRecord(spec?.chart)?.spec);
  const path = asString(spec?.path);
  const chart = asString(chartSpec?.chart);
  const version = asString(chartSpec?.version);
  if (path) source.path = path;
  if (chart) source.chart = chart;
  const targetRevision = chart ? version : asString(info?.ref);
  if (targetRevision) source.targetRevision = targetRevision;
  return source;
}
