import {
  coreServices,
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';
import { DefaultKnowledgeService } from './DefaultKnowledgeService';
import { KnowledgeService } from './KnowledgeService';

/**
 * The GitOps knowledge base. Defaults to the bundled content plus
 * `gitops.knowledge.directories`; provide another factory for this ref to
 * serve entries from elsewhere (the routes and the search collator use it).
 *
 * @public
 */
export const knowledgeServiceRef = createServiceRef<KnowledgeService>({
  id: 'gitops.knowledge',
  defaultFactory: async service =>
    createServiceFactory({
      service,
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
      },
      factory: ({ config, logger }) =>
        DefaultKnowledgeService.fromConfig(config, { logger }),
    }),
});
