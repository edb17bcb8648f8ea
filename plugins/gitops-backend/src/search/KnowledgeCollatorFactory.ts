import {
  DocumentCollatorFactory,
  IndexableDocument,
} from '@backstage/plugin-search-common';
import {
  KnowledgeKind,
  KnowledgeLevel,
} from '@gitops-guide/backstage-plugin-gitops-common';
import { Readable } from 'stream';
import { KnowledgeService } from '../services/knowledge';

/** The document type of knowledge entries in the portal's search. @public */
export const KNOWLEDGE_DOCUMENT_TYPE = 'gitops-knowledge';

/** A knowledge entry as indexed by Backstage search. @public */
export interface KnowledgeSearchDocument extends IndexableDocument {
  kind: KnowledgeKind;
  level: KnowledgeLevel;
  topics: string[];
  signals: string[];
}

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
        // The summary leads so result previews start with the gist.
        text: `${entry.summary}\n\n${entry.body}`,
        location: `/gitops/entries/${encodeURIComponent(entry.id)}`,
        kind: entry.kind,
        level: entry.level,
        topics: entry.topics,
        signals: entry.signals,
      };
    }
  }
}
