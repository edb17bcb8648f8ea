import { KnowledgeBase, mergeContent } from './mergeContent';
import { readContentDirectory } from './readContentDirectory';

export type { KnowledgeProblem } from '@gitops-guide/backstage-plugin-gitops-common';
export {
  formatProblem,
  formatProblems,
  KnowledgeContentError,
} from './knowledgeProblems';
export type { KnowledgeBase } from './mergeContent';
export type { LoadedEntry } from './readContentFile';
export { SKILL_CHECK_FILE } from './readContentDirectory';

/**
 * Reads, validates and merges knowledge directories: the bundled ones, then
 * the organization's. Later directories override earlier ones entry by
 * entry (same id) and replace the skill check; within one directory an id
 * must be unique. Every `related` id must resolve in the merged result, and
 * no two questions of a level may share an `order`.
 *
 * A problem in the bundled content throws {@link KnowledgeContentError}
 * listing every problem found. A problem in the organization's content
 * leaves out what it concerns and is returned in `problems`: an invalid
 * file (or a later file repeating an id) is skipped, an unknown `related`
 * id is dropped, a clashing `order` is removed.
 */
export async function loadKnowledgeBase(options: {
  /** The content shipped with the plugin: held to the strict rules. */
  directories: string[];
  /** The organization's directories (`gitops.knowledge.directories`), as configured. */
  organizationDirectories?: string[];
}): Promise<KnowledgeBase> {
  const [bundled, organization] = await Promise.all([
    Promise.all(
      options.directories.map(d => readContentDirectory(d, 'bundled')),
    ),
    Promise.all(
      (options.organizationDirectories ?? []).map(d =>
        readContentDirectory(d, 'organization'),
      ),
    ),
  ]);
  return mergeContent(bundled, organization);
}
