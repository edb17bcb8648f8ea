import { createServiceFactory } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { searchIndexRegistryExtensionPoint } from '@backstage/plugin-search-backend-node/alpha';
import { TestPipeline } from '@backstage/plugin-search-backend-node';
import { FIXTURE_ENTRIES } from '../services/knowledge/__fixtures__/knowledgeFixtures';
import {
  DefaultKnowledgeService,
  knowledgeServiceRef,
} from '../services/knowledge';
import { KnowledgeCollatorFactory } from './KnowledgeCollatorFactory';
import { gitopsKnowledgeSearchModule } from './knowledgeCollatorModule';

describe('gitopsKnowledgeSearchModule', () => {
  const knowledge = new DefaultKnowledgeService({ entries: FIXTURE_ENTRIES });

  async function registeredCollator(config: object = {}) {
    const indexRegistry = { addCollator: jest.fn(), addDecorator: jest.fn() };
    const scheduler = mockServices.scheduler.mock();
    await startTestBackend({
      extensionPoints: [[searchIndexRegistryExtensionPoint, indexRegistry]],
      features: [
        gitopsKnowledgeSearchModule,
        scheduler.factory,
        mockServices.rootConfig.factory({ data: config }),
        createServiceFactory({
          service: knowledgeServiceRef,
          deps: {},
          factory: () => knowledge,
        }),
      ],
    });
    expect(indexRegistry.addCollator).toHaveBeenCalledTimes(1);
    return { ...indexRegistry.addCollator.mock.calls[0][0], scheduler };
  }

  it('registers a collator for gitops-knowledge documents', async () => {
    const { factory, scheduler } = await registeredCollator();

    expect(factory).toBeInstanceOf(KnowledgeCollatorFactory);
    expect(factory.type).toBe('gitops-knowledge');
    expect(scheduler.createScheduledTaskRunner).toHaveBeenCalledWith({
      frequency: { hours: 1 },
      timeout: { minutes: 5 },
      initialDelay: { seconds: 3 },
    });
  });

  it('reads the schedule from search.collators.gitopsKnowledge.schedule', async () => {
    const { scheduler } = await registeredCollator({
      search: {
        collators: {
          gitopsKnowledge: {
            schedule: { frequency: { minutes: 30 }, timeout: { minutes: 2 } },
          },
        },
      },
    });

    expect(scheduler.createScheduledTaskRunner).toHaveBeenCalledWith(
      expect.objectContaining({
        frequency: { minutes: 30 },
        timeout: { minutes: 2 },
      }),
    );
  });

  it('emits one document per entry, linking to its deep link', async () => {
    const factory = new KnowledgeCollatorFactory({ knowledge });

    const { documents } = await TestPipeline.fromCollator(
      await factory.getCollator(),
    ).execute();

    expect(documents).toHaveLength(FIXTURE_ENTRIES.length);
    expect(
      documents.find(d => d.location === '/gitops/entries/sync-policies')
        ?.text,
    ).toMatch(/\n\nAsked as: argo undoes my kubectl edit; keeps reverting$/);
    expect(documents).toContainEqual({
      title: 'Runbook: sync failed',
      text: expect.stringMatching(
        /^Read the message and fix the manifest\.\n\nA message like/,
      ),
      location: '/gitops/entries/runbook-sync-failed',
      kind: 'runbook',
      level: 'sre',
      summary: 'Read the message and fix the manifest.',
      topics: ['argocd', 'troubleshooting'],
      signals: ['operation:Failed', 'message:field is immutable'],
    });
  });
});
