import { Fragment } from 'react';

const ENTITIES: Record<string, string> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
};

function unescapeHtml(text: string): string {
  return text.replace(/&(?:amp|lt|gt|quot|#39);/g, e => ENTITIES[e]);
}

/**
 * Renders a search highlight: escaped text whose only markup is
 * `<mark>…</mark>`. It is split into text and marks and rendered as React
 * text, never as HTML, so nothing in it can execute.
 */
export const HighlightedText = (props: { html: string }) => {
  const parts = props.html.split(/(<mark>.*?<\/mark>)/g).filter(Boolean);
  return (
    <>
      {parts.map((part, i) => {
        const marked = /^<mark>([\s\S]*)<\/mark>$/.exec(part);
        return marked ? (
          <mark key={i}>{unescapeHtml(marked[1])}</mark>
        ) : (
          <Fragment key={i}>{unescapeHtml(part)}</Fragment>
        );
      })}
    </>
  );
};
