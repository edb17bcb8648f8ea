import { COPY_NUMBER, copiedListPieces, planCopiedList } from './copiedList';

const templates = [
  `{"metadata":{"name":"a-${COPY_NUMBER}","uid":"u-${COPY_NUMBER}"}}`,
  `{"metadata":{"name":"b-${COPY_NUMBER}"},"note":"Tomás"}`, // not ASCII: sizes are bytes, not characters
];

describe('copied lists', () => {
  it('plan the exact byte size of a valid list of at least the bytes asked', () => {
    for (const minBytes of [1, 100, 1000, 12_345]) {
      const plan = planCopiedList('{"items":[', ']}', templates, minBytes);
      const body = [...copiedListPieces(plan)].join('');
      expect(Buffer.byteLength(body)).toBe(plan.totalBytes);
      expect(plan.totalBytes).toBeGreaterThanOrEqual(minBytes);
      const list = JSON.parse(body);
      expect(list.items).toHaveLength(plan.count);
      const names = list.items.map(
        (item: { metadata: { name: string } }) => item.metadata.name,
      );
      expect(new Set(names).size).toBe(names.length);
    }
  });

  it('number copies from 1, cycling through the templates', () => {
    const plan = planCopiedList('[', ']', templates, 150);
    const items = JSON.parse([...copiedListPieces(plan)].join(''));
    expect(items.slice(0, 3)).toEqual([
      { metadata: { name: 'a-00000001', uid: 'u-00000001' } },
      { metadata: { name: 'b-00000002' }, note: 'Tomás' },
      { metadata: { name: 'a-00000003', uid: 'u-00000003' } },
    ]);
  });

  it('need templates that carry the copy number', () => {
    expect(() => planCopiedList('[', ']', ['{}'], 10)).toThrow(
      `must contain ${COPY_NUMBER}`,
    );
    expect(() => planCopiedList('[', ']', [], 10)).toThrow(
      'at least one template',
    );
  });
});
