/** A shell word: bare when harmless, single-quoted otherwise. */
export function shellArg(value: string): string {
  return /^[A-Za-z0-9._/:@%+=,-]+$/.test(value) && !value.startsWith('-')
    ? value
    : `'${value.replace(/'/g, `'\\''`)}'`;
}

/** How the Argo CD CLI names an application: `ns/name` outside the `argocd` namespace. */
export function argocdAppRef(name: string, namespace: string): string {
  return shellArg(
    namespace && namespace !== 'argocd' ? `${namespace}/${name}` : name,
  );
}
