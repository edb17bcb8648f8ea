import {
  coreServices,
  createBackendModule,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { searchIndexRegistryExtensionPoint } from '@backstage/plugin-search-backend-node/alpha';
import { knowledgeServiceRef } from '../services/knowledge';
import { KnowledgeCollatorFactory } from './KnowledgeCollatorFactory';

const SCHEDULE_CONFIG_KEY = 'search.collators.gitopsKnowledge.schedule';

// The content only changes with a deploy, so an hourly refresh is plenty; the
// short initial delay gets entries into in-memory engines soon after startup.
const DEFAULT_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { hours: 1 },
  timeout: { minutes: 5 },
  initialDelay: { seconds: 3 },
};

/**
 * Search backend module that indexes the GitOps knowledge base as document
 * type `gitops-knowledge`, so the portal's global search finds the entries.
 * Schedule: `search.collators.gitopsKnowledge.schedule` (default hourly).
 *
 * @public
 */
export const gitopsKnowledgeSearchModule = createBackendModule({
  pluginId: 'search',
  moduleId: 'gitops-knowledge-collator',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        scheduler: coreServices.scheduler,
        knowledge: knowledgeServiceRef,
        indexRegistry: searchIndexRegistryExtensionPoint,
      },
      async init({ config, scheduler, knowledge, indexRegistry }) {
        const schedule = config.has(SCHEDULE_CONFIG_KEY)
          ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
              config.getConfig(SCHEDULE_CONFIG_KEY),
            )
          : DEFAULT_SCHEDULE;
        indexRegistry.addCollator({
          schedule: scheduler.createScheduledTaskRunner(schedule),
          factory: new KnowledgeCollatorFactory({ knowledge }),
        });
      },
    });
  },
});
