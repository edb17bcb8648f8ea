import { CustomErrorBase } from '@backstage/errors';
import { KnowledgeProblem } from '@gitops-guide/backstage-plugin-gitops-common';

export type { KnowledgeProblem } from '@gitops-guide/backstage-plugin-gitops-common';

/** A problem as one line: `file: field: reason`. */
export function formatProblem(problem: KnowledgeProblem): string {
  return [problem.file, problem.field, problem.reason]
    .filter(Boolean)
    .join(': ');
}

/** A heading with a count, then one indented `file: field: reason` line per problem. */
export function formatProblems(
  heading: string,
  problems: KnowledgeProblem[],
): string {
  return `${heading} (${problems.length} ${
    problems.length === 1 ? 'problem' : 'problems'
  }):\n${problems.map(p => `  ${formatProblem(p)}`).join('\n')}`;
}

/**
 * Thrown at startup when the bundled content is invalid, which is a
 * packaging bug (an organization's content is skipped file by file
 * instead). The message lists every problem, one per line, as
 * `file: field: reason`.
 *
 * @public
 */
export class KnowledgeContentError extends CustomErrorBase {
  name = 'KnowledgeContentError' as const;
  readonly problems: KnowledgeProblem[];

  constructor(problems: KnowledgeProblem[]) {
    super(formatProblems('Invalid GitOps knowledge content', problems));
    this.problems = problems;
  }
}
