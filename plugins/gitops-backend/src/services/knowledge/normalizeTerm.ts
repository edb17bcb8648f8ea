import stem from 'wink-porter2-stemmer';

/**
 * Spellings of one thing. Applied to both the indexed text and the query
 * before stemming, so `argo`, `Argo CD` and `argocd` meet, as do `k8s` and
 * `kubernetes`.
 */
const SAME_AS: Record<string, string> = {
  argo: 'argocd',
  k8s: 'kubernetes',
  devs: 'developers',
  kube: 'kubernetes',
  creds: 'credentials',
  cred: 'credentials',
  repo: 'repository',
  repos: 'repositories',
  env: 'environment',
  envs: 'environments',
  ns: 'namespace',
  vs: 'versus',
  config: 'configuration',
  configs: 'configurations',
};

/**
 * Where Porter2 joins words we must keep apart (Flux's `Kustomization` is
 * not the `kustomize` tool) or splits a family people treat as one word.
 */
const STEM_OF: Record<string, string> = {
  kustomize: 'kustomize',
  kustomizes: 'kustomize',
  kustomized: 'kustomize',
  kustomizing: 'kustomize',
  kustomization: 'kustomization',
  kustomizations: 'kustomization',
  reconciliation: 'reconcil',
  reconciliations: 'reconcil',
};

/** Terms this short are kept as written: stems of codes like `cd` or `ci` say nothing. */
const MIN_STEMMED = 3;

/** Words seen recently; the corpus repeats a few thousand words many times. */
const seen = new Map<string, string>();
const MAX_SEEN = 50_000;

/**
 * The term a lower-cased word is indexed and searched under: its canonical
 * spelling, stemmed (`syncing`, `synced` → `sync`), so a query matches the
 * word in any form.
 */
export function normalizeTerm(word: string): string {
  let term = seen.get(word);
  if (term === undefined) {
    const canonical = SAME_AS[word] ?? word;
    term =
      STEM_OF[canonical] ??
      (canonical.length < MIN_STEMMED || /\d/.test(canonical)
        ? canonical
        : stem(canonical));
    // Query words are unbounded: start over rather than grow.
    if (seen.size >= MAX_SEEN) seen.clear();
    seen.set(word, term);
  }
  return term;
}
