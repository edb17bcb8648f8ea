/** What {@link compareLearningOrder} reads of an entry. @public */
export interface LearningOrderFields {
  title: string;
  order?: number;
}

/**
 * Teaching order within one learning path: by `order`, entries without one
 * after all ordered ones, then by title. Use it on the entries of one level;
 * levels themselves go entry → senior → sre.
 *
 * @public
 */
export function compareLearningOrder(
  a: LearningOrderFields,
  b: LearningOrderFields,
): number {
  const byOrder =
    a.order === b.order
      ? 0
      : (a.order ?? Number.MAX_SAFE_INTEGER) -
        (b.order ?? Number.MAX_SAFE_INTEGER);
  return (
    byOrder || a.title.localeCompare(b.title, 'en', { sensitivity: 'base' })
  );
}
