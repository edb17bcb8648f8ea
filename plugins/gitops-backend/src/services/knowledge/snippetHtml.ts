import { TextSegment } from '@gitops-guide/backstage-plugin-gitops-common';

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, c => HTML_ESCAPES[c]);
}

/**
 * A snippet as the deprecated `highlights` field carries it: escaped text
 * with `<mark>` around the matches. Only for clients that predate
 * `snippets`; nothing here renders it.
 */
export function snippetToHtml(snippet: TextSegment[]): string {
  return snippet
    .map(({ text, match }) =>
      match ? `<mark>${escapeHtml(text)}</mark>` : escapeHtml(text),
    )
    .join('');
}
