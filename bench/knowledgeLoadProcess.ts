import { performance } from 'node:perf_hooks';

/**
 * One cold start of the knowledge base in a fresh process: module import,
 * reading and validating the bundled content, building the search index and
 * the first search. Forked by `knowledge.ts`, which starts several and
 * reports the spread; the figures go back over IPC.
 */

/** Milliseconds of each startup step. */
export interface ColdLoad {
  /** From process start (`performance.timeOrigin`) to this script running: Node and tsx bootstrap. */
  bootstrapMs: number;
  /** Importing the knowledge service modules (tsx compiles the TypeScript sources on the fly). */
  importMs: number;
  /** Reading, parsing and validating the bundled content files. */
  loadMs: number;
  /** Building the search index and the service from the loaded entries. */
  indexMs: number;
  /** `loadMs + indexMs`: what the backend spends at startup with modules in place. */
  loadAndIndexMs: number;
  /** The first query in the process, JIT still cold. */
  firstSearchMs: number;
  entries: number;
}

async function main() {
  const bootstrapMs = performance.now();
  const importStarted = performance.now();
  const [
    { loadKnowledgeBase },
    { DefaultKnowledgeService },
    { bundledContentDirectory },
  ] = await Promise.all([
    import(
      '../plugins/gitops-backend/src/services/knowledge/loadKnowledgeBase'
    ),
    import(
      '../plugins/gitops-backend/src/services/knowledge/DefaultKnowledgeService'
    ),
    import(
      '../plugins/gitops-backend/src/services/knowledge/bundledContentDirectory'
    ),
  ]);
  const importMs = performance.now() - importStarted;

  const loadStarted = performance.now();
  const base = await loadKnowledgeBase({
    directories: [bundledContentDirectory()],
  });
  const loadMs = performance.now() - loadStarted;

  const indexStarted = performance.now();
  const service = new DefaultKnowledgeService(base);
  const indexMs = performance.now() - indexStarted;

  const searchStarted = performance.now();
  await service.search({ q: 'sync failed immutable' });
  const firstSearchMs = performance.now() - searchStarted;

  const figures: ColdLoad = {
    bootstrapMs,
    importMs,
    loadMs,
    indexMs,
    loadAndIndexMs: loadMs + indexMs,
    firstSearchMs,
    entries: base.entries.length,
  };
  process.send?.(figures, () => process.exit(0));
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
