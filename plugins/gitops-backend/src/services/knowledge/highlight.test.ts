import { highlightSnippets, prepareText } from './highlight';

describe('highlightSnippets', () => {
  const lead = 'Lead words go here. '.repeat(10);
  const tail = 'Tail words follow. '.repeat(10);
  const long = prepareText(`${lead}Then **prune** deletes it. ${tail}`);

  it('cuts a window of whole words around the match, with ellipses as plain text', () => {
    // 60 characters end inside a word: the snippet ends on the word before it.
    const [snippet] = highlightSnippets([long], ['prune'], { width: 60 });

    expect(snippet).toEqual([
      { text: '…words go here. Lead words go here. Then ', match: false },
      { text: 'prune', match: true },
      { text: ' deletes it…', match: false },
    ]);
  });

  it('takes snippets from the sources in order, up to the limit', () => {
    const summary = prepareText('Prune in the summary.');
    const snippets = highlightSnippets([summary, long], ['prune'], {
      maxSnippets: 2,
    });

    expect(snippets).toHaveLength(2);
    expect(snippets[0]).toEqual([
      { text: 'Prune', match: true },
      { text: ' in the summary.', match: false },
    ]);
  });

  it('alternates plain and matched segments, none of them empty', () => {
    const text = prepareText('self-heal and selfHeal, then self heal');
    const [snippet] = highlightSnippets([text], ['selfheal', 'self', 'heal']);

    expect(snippet.every(s => s.text.length > 0)).toBe(true);
    snippet
      .slice(1)
      .forEach((s, i) => expect(s.match).not.toBe(snippet[i].match));
  });
});
