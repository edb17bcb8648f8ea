// Runs axe-core (the npm package, injected into the page) and returns the
// serious and critical violations, one line each.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** WCAG 2 A/AA rules plus best practices (heading order, landmarks). */
const RUN_OPTIONS = {
  runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
  resultTypes: ['violations'],
};

export async function seriousViolations(page) {
  if (!(await page.evaluate(() => 'axe' in window))) {
    await page.addScriptTag({ content: axeSource });
  }
  const { violations } = await page.evaluate(options => window.axe.run(document, options), RUN_OPTIONS);
  return violations
    .filter(v => v.impact === 'serious' || v.impact === 'critical')
    .flatMap(v =>
      v.nodes.map(node => `${v.id} (${v.impact}) at ${node.target.join(' ')}: ${node.failureSummary.split('\n').slice(0, 2).join(' ')}`),
    );
}
