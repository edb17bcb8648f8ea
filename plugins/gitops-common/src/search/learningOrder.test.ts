import { compareLearningOrder } from './learningOrder';

describe('compareLearningOrder', () => {
  const titles = (entries: { title: string; order?: number }[]) =>
    [...entries].sort(compareLearningOrder).map(e => e.title);

  it('puts entries in teaching order, not alphabetical order', () => {
    expect(
      titles([
        { title: 'Declarative infrastructure', order: 2 },
        { title: 'What GitOps is', order: 1 },
        { title: 'Argo CD sync', order: 10 },
      ]),
    ).toEqual(['What GitOps is', 'Declarative infrastructure', 'Argo CD sync']);
  });

  it('puts entries without an order last, by title', () => {
    expect(
      titles([
        { title: 'zebra' },
        { title: 'Yak', order: 3 },
        { title: 'apple' },
        { title: 'Xylophone', order: 1 },
      ]),
    ).toEqual(['Xylophone', 'Yak', 'apple', 'zebra']);
  });

  it('falls back to the title for equal orders', () => {
    expect(
      titles([
        { title: 'b', order: 1 },
        { title: 'A', order: 1 },
      ]),
    ).toEqual(['A', 'b']);
  });
});
