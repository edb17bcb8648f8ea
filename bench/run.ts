import { fork } from 'node:child_process';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

/**
 * `npm run bench [-- <name> ...]`: runs each benchmark in a process of its
 * own, one after the other, so memory figures and JIT state never leak from
 * one into the next. Benchmarks print figures and targets; a MISS does not
 * fail the run, a crash does.
 */

const BENCHES: Record<string, { file: string; about: string }> = {
  'argocd-status': {
    file: 'argocdStatus.ts',
    about: 'Argo CD card and tab: upstream requests, latency, memory (issue 3)',
  },
  knowledge: {
    file: 'knowledge.ts',
    about: 'knowledge base: search latency, content load at startup (issue 4)',
  },
  bounds: {
    file: 'bounds.ts',
    about:
      'bounded under bad upstreams: answer size limit, health latency, deadline, login backoff (issue 14)',
  },
  'warm-path': {
    file: 'warmPath.ts',
    about:
      'a warm card against the catalog by-name lookup on a real backend, concurrency 1 and 20 (issue 15)',
  },
  watch: {
    file: 'watch.ts',
    about:
      'watched Argo CD instances at 10,000 applications each: memory, calls per card, change to card (issue 15)',
  },
};

function runBench(file: string): Promise<number> {
  const child = fork(path.join(__dirname, file), [], { stdio: 'inherit' });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', code => resolve(code ?? 1));
  });
}

async function main() {
  const requested = process.argv.slice(2);
  const unknown = requested.filter(name => !(name in BENCHES));
  if (unknown.length) {
    console.error(
      `Unknown benchmark ${unknown.join(', ')}; known:\n${Object.entries(
        BENCHES,
      )
        .map(([name, { about }]) => `  ${name.padEnd(14)} ${about}`)
        .join('\n')}`,
    );
    process.exit(2);
  }
  const names = requested.length ? requested : Object.keys(BENCHES);
  const failed: string[] = [];
  const started = performance.now();
  for (const name of names) {
    const code = await runBench(BENCHES[name].file);
    if (code !== 0) failed.push(name);
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  if (failed.length) {
    console.error(`\nBenchmarks failed: ${failed.join(', ')} (${seconds} s)`);
    process.exit(1);
  }
  console.log(`\nBenchmarks done in ${seconds} s; figures in bench/out/`);
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
