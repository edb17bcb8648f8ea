import { extractCodeBlocks } from './markdownCodeBlocks';

describe('extractCodeBlocks', () => {
  it('returns each fenced block with its language and first line', () => {
    expect(
      extractCodeBlocks(
        ['Text', '```bash', 'a', 'b', '```', '', '  ~~~', '  c', '  ~~~'].join(
          '\n',
        ),
      ),
    ).toEqual([
      { lang: 'bash', line: 3, text: 'a\nb' },
      { lang: '', line: 8, text: 'c' },
    ]);
  });
});
