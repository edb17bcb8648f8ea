import {
  DocumentCollatorFactory,
  IndexableDocument,
} from '@backstage/plugin-search-common';
import {
  KNOWLEDGE_DOCUMENT_TYPE,
  KnowledgeSearchFields,
} from '@gitops-guide/backstage-plugin-gitops-common';
import { Readable } from 'stream';
import { KnowledgeService } from '../services/knowledge';

/** A knowledge entry as indexed by Backstage search. @public */
export interface KnowledgeSearchDocument
  extends IndexableDocument,
    KnowledgeSearchFields {}

/**
 * Feeds every knowledge entry to Backstage search, linking to the learning
 * page's deep link `/gitops/entries/<id>`.
 *
 * @public
 */
export class KnowledgeCollatorFactory implements DocumentCollatorFactory {
  readonly type = KNOWLEDGE_DOCUMENT_TYPE;
  private readonly knowledge: KnowledgeService;

  constructor(options: { knowledge: KnowledgeService }) {
    this.knowledge = options.knowledge;
  }

  async getCollator(): Promise<Readable> {
    return Readable.from(this.documents());
  }

  private async *documents(): AsyncGenerator<KnowledgeSearchDocument> {
    for (const entry of await this.knowledge.listEntries()) {
      yield {
        title: entry.title,
        // The summary leads so result previews start with the gist; the
        // questions people ask close it, so Backstage search finds them too.
        text: [
          entry.summary,
          entry.body,
          ...(entry.askedAs?.length
            ? [`Asked as: ${entry.askedAs.join('; ')}`]
            : []),
        ].join('\n\n'),
        location: `/gitops/entries/${encodeURIComponent(entry.id)}`,
        kind: entry.kind,
        level: entry.level,
        summary: entry.summary,
        topics: entry.topics,
        signals: entry.signals,
      };
    }
  }
}
