import { truncate } from '../internal/json';
import { commitShaOf, shortRevision } from '../links';
import type { RollbackRevision } from '../types';

/** `abc1234 (history id 7) by Jane: "Bump image"`, with whatever is known. */
export function describeRevision(revision: RollbackRevision): string {
  const name =
    revision.revisions && revision.revisions.length > 0
      ? revision.revisions.map(shortRevision).join(' + ')
      : shortRevision(revision.revision) || 'an unknown revision';
  const id =
    revision.origin === 'operation' ? '' : ` (history id ${revision.id})`;
  const author = revision.author ? ` by ${revision.author}` : '';
  const message = revision.message
    ? `: "${truncate(revision.message.split('\n')[0], 100)}"`
    : '';
  return `${name}${id}${author}${message}`;
}

/** Git commands that revert `from` (the suspect) after showing what it adds on top of `to`. */
export function revertCommands(from: string, to: string): string[] {
  const fromSha = commitShaOf(from);
  const toSha = commitShaOf(to);
  if (!fromSha) {
    return ['git log --oneline -n 10'];
  }
  return [
    ...(toSha ? [`git log --oneline ${toSha}..${fromSha}`] : []),
    `git revert --no-edit ${fromSha}`,
    'git push',
  ];
}

/** A range revert, for when more than one commit separates the two revisions. */
export function rangeRevertHint(from: string, to: string): string | undefined {
  const fromSha = commitShaOf(from);
  const toSha = commitShaOf(to);
  return fromSha && toSha
    ? `If git log lists more than one commit, revert them all: git revert --no-edit ${toSha}..${fromSha}.`
    : undefined;
}

/** Said with every recommended rollback, because no tool can undo these. */
export function migrationsWarning(): string {
  return 'Database migrations and other one-way changes (data, external systems, messages sent) are not rolled back: check the suspect revision for them before reverting.';
}
