import fs from 'fs';
import path from 'path';
import YAML from 'yaml';
import { bundledContentDirectory } from './bundledContentDirectory';
import { KnowledgeBase, loadKnowledgeBase } from './loadKnowledgeBase';
import { KNOWLEDGE_LEVELS, SEED_QUESTION_COUNT, seedMapSchema } from './schema';

/**
 * The bundled knowledge base itself: it must load (every file parses and
 * validates, ids are unique, related links resolve), cover every seed
 * question with a quiz and give every question its place in its level's path.
 */
describe('bundled knowledge content', () => {
  const directory = bundledContentDirectory();
  let base: KnowledgeBase;

  beforeAll(async () => {
    base = await loadKnowledgeBase({ directories: [directory] });
  });

  it('parses and validates every entry, with resolving related links', () => {
    const ids = new Set(base.entries.map(e => e.id));
    expect(base.entries.length).toBeGreaterThanOrEqual(SEED_QUESTION_COUNT);
    for (const entry of base.entries) {
      for (const related of entry.related) {
        expect({
          entry: entry.id,
          related,
          resolves: ids.has(related),
        }).toEqual({
          entry: entry.id,
          related,
          resolves: true,
        });
      }
    }
  });

  it('maps every seed question to the question entry that answers it', () => {
    const seedMap = seedMapSchema.parse(
      YAML.parse(
        fs.readFileSync(path.join(directory, 'seed-map.yaml'), 'utf8'),
      ),
    );
    const byId = new Map(base.entries.map(e => [e.id, e]));

    const expected = Array.from({ length: SEED_QUESTION_COUNT }, (_, i) =>
      String(i + 1),
    );
    expect(Object.keys(seedMap).sort((a, b) => Number(a) - Number(b))).toEqual(
      expected,
    );
    for (const [number, id] of Object.entries(seedMap)) {
      const entry = byId.get(id);
      expect({
        number,
        id,
        kind: entry?.kind,
        seedQuestion: entry?.seedQuestion,
      }).toEqual({
        number,
        id,
        kind: 'question',
        seedQuestion: Number(number),
      });
    }
    // And no question entry claims a seed question the map gives to another.
    for (const entry of base.entries.filter(
      e => e.seedQuestion !== undefined,
    )) {
      expect(seedMap[String(entry.seedQuestion)]).toBe(entry.id);
    }
  });

  it('gives every question entry at least two quiz items', () => {
    const questions = base.entries.filter(e => e.kind === 'question');
    expect(questions.length).toBeGreaterThanOrEqual(SEED_QUESTION_COUNT);
    const short = questions.filter(q => q.quiz.length < 2).map(q => q.id);
    expect(short).toEqual([]);
  });

  it('orders every level path 1..n, starting with what GitOps is', () => {
    const questions = base.entries.filter(e => e.kind === 'question');
    for (const level of KNOWLEDGE_LEVELS) {
      const inLevel = questions.filter(q => q.level === level);
      expect({ level, orders: inLevel.map(q => q.order) }).toEqual({
        level,
        orders: inLevel.map((_, i) => i + 1),
      });
    }
    expect(questions[0].id).toBe('gitops-principles');
  });

  it('gives every entry at least three questions it is asked as', () => {
    const few = base.entries
      .filter(e => (e.askedAs ?? []).length < 3)
      .map(e => e.id);
    expect(few).toEqual([]);
  });

  it('has runbooks and a glossary', () => {
    const kinds = new Set(base.entries.map(e => e.kind));
    expect([...kinds].sort()).toEqual(['glossary', 'question', 'runbook']);
  });

  it('has a valid skill check whose items link to existing entries', () => {
    const ids = new Set(base.entries.map(e => e.id));
    expect(base.skillCheck).toBeDefined();
    expect(base.skillCheck!.id).toBe('skill-check');
    expect(base.skillCheck!.items.length).toBeGreaterThanOrEqual(5);
    for (const item of base.skillCheck!.items) {
      expect(item.answer).toBeLessThan(item.options.length);
      expect(item.related.length).toBeGreaterThan(0);
      expect(item.related.filter(id => !ids.has(id))).toEqual([]);
    }
  });
});
