import { z } from 'zod';

/** Levels in learning order. */
export const KNOWLEDGE_LEVELS = ['entry', 'senior', 'sre'] as const;
export const KNOWLEDGE_KINDS = ['question', 'runbook', 'glossary'] as const;

/** Highest question number of the seed question list the bundled content covers. */
export const SEED_QUESTION_COUNT = 35;

const KEBAB_CASE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** `sync:OutOfSync`, `message:field is immutable`, `autoSync:enabled`. */
const SIGNAL = /^[A-Za-z][A-Za-z0-9]*:\S.*$/;

const oneOf = <T extends string>(values: readonly [T, ...T[]]) =>
  z.enum(values, {
    errorMap: () => ({ message: `must be one of ${values.join(', ')}` }),
  });

const text = z
  .string({
    required_error: 'is required',
    invalid_type_error: 'must be a string',
  })
  .trim()
  .min(1, 'must not be empty');

export const slugSchema = z
  .string({ invalid_type_error: 'must be a string' })
  .regex(KEBAB_CASE, 'must be kebab-case (a-z, 0-9 and single hyphens)');

const list = <T extends z.ZodTypeAny>(item: T) =>
  z.array(item, { invalid_type_error: 'must be a list' });

export const levelSchema = oneOf(KNOWLEDGE_LEVELS);
export const kindSchema = oneOf(KNOWLEDGE_KINDS);

const quizItemShape = z
  .object({
    prompt: text,
    options: list(text).min(2, 'must have at least 2 options'),
    answer: z
      .number({
        required_error: 'is required',
        invalid_type_error: 'must be a number',
      })
      .int('must be an integer'),
    explanation: text,
  })
  .strict();

function answerInRange(
  item: { options: string[]; answer: number },
  ctx: z.RefinementCtx,
) {
  if (item.answer < 0 || item.answer >= item.options.length) {
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      path: ['answer'],
      message: `must be a 0-based index into options (0..${
        item.options.length - 1
      })`,
    });
  }
}

export const quizItemSchema = quizItemShape.superRefine(answerInRange);

/** The YAML front matter of a knowledge entry. */
export const entryFrontMatterSchema = z
  .object({
    id: slugSchema,
    title: text,
    kind: kindSchema,
    level: levelSchema,
    topics: list(slugSchema).min(1, 'must name at least one topic'),
    related: list(slugSchema).default([]),
    signals: list(
      z
        .string({ invalid_type_error: 'must be a string' })
        .regex(SIGNAL, 'must look like "<field>:<value>", e.g. sync:OutOfSync'),
    ).default([]),
    summary: text,
    /** Questions as people type them, in their words; searched like the title. */
    askedAs: list(text.max(200, 'must be at most 200 characters')).default([]),
    seedQuestion: z
      .number({ invalid_type_error: 'must be a number' })
      .int('must be an integer')
      .min(1, `must be between 1 and ${SEED_QUESTION_COUNT}`)
      .max(SEED_QUESTION_COUNT, `must be between 1 and ${SEED_QUESTION_COUNT}`)
      .optional(),
    /** Position of a question in its level's learning path, from 1. */
    order: z
      .number({ invalid_type_error: 'must be a number' })
      .int('must be a whole number of 1 or more')
      .min(1, 'must be a whole number of 1 or more')
      .optional(),
    quiz: list(quizItemSchema).default([]),
  })
  .strict()
  .superRefine((meta, ctx) => {
    for (const field of ['seedQuestion', 'order'] as const) {
      if (meta.kind !== 'question' && meta[field] !== undefined) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: [field],
          message: 'is only allowed on question entries',
        });
      }
    }
    if (meta.related.includes(meta.id)) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['related'],
        message: 'must not list the entry itself',
      });
    }
  });

export type EntryFrontMatter = z.infer<typeof entryFrontMatterSchema>;

/**
 * The bundled content's stricter rules: every question comes with a quiz.
 * An organization's questions may have none.
 */
export const bundledEntryFrontMatterSchema = entryFrontMatterSchema.superRefine(
  (meta, ctx) => {
    if (meta.kind === 'question' && meta.quiz.length < 2) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['quiz'],
        message: 'question entries need at least 2 quiz items',
      });
    }
  },
);

export const skillCheckSchema = z
  .object({
    id: z.literal('skill-check', {
      errorMap: () => ({ message: 'must be "skill-check"' }),
    }),
    title: text,
    level: levelSchema,
    items: list(
      quizItemShape
        .extend({
          // One id or a list: a skill check item usually points at one entry.
          related: z
            .union([slugSchema.transform(id => [id]), list(slugSchema)])
            .default([]),
        })
        .superRefine(answerInRange),
    ).min(1, 'must have at least one item'),
  })
  .strict();

export type SkillCheckFile = z.infer<typeof skillCheckSchema>;

/** `seed-map.yaml`: seed question number → id of the question entry answering it. */
export const seedMapSchema = z.record(
  z.string().regex(/^\d+$/, 'keys must be seed question numbers'),
  slugSchema,
);

/** Formats a zod issue path the way authors read front matter: `quiz.1.answer`. */
export function formatIssuePath(path: (string | number)[]): string {
  return path.length ? path.join('.') : '(front matter)';
}
