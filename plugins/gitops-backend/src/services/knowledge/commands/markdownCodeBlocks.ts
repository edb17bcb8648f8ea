/** Fenced code blocks of Markdown, and the shell script each one holds. */

export interface CodeBlock {
  /** Info string's first word, lower-cased ('' when there is none). */
  lang: string;
  /** 1-based line (in the Markdown file) of the block's first content line. */
  line: number;
  text: string;
}

const OPEN_FENCE = /^(\s*)(`{3,}|~{3,})\s*([^\s`]*)/;
const CLOSE_FENCE = /^\s*(`{3,}|~{3,})\s*$/;

/** Fenced code blocks of a Markdown document, with their file line numbers. */
export function extractCodeBlocks(markdown: string): CodeBlock[] {
  const blocks: CodeBlock[] = [];
  let open:
    | {
        indent: number;
        fence: string;
        lang: string;
        line: number;
        body: string[];
      }
    | undefined;
  markdown.split(/\r?\n/).forEach((text, i) => {
    if (!open) {
      const m = OPEN_FENCE.exec(text);
      if (m) {
        const lang = m[3].split(/[{,]/)[0].toLowerCase();
        open = {
          indent: m[1].length,
          fence: m[2],
          lang,
          line: i + 2,
          body: [],
        };
      }
      return;
    }
    const close = CLOSE_FENCE.exec(text);
    if (
      close &&
      close[1][0] === open.fence[0] &&
      close[1].length >= open.fence.length
    ) {
      blocks.push({
        lang: open.lang,
        line: open.line,
        text: open.body.join('\n'),
      });
      open = undefined;
      return;
    }
    const indent = /^\s*/.exec(text)![0].length;
    open.body.push(text.slice(Math.min(indent, open.indent)));
  });
  return blocks;
}

/** Info strings whose blocks are shell commands; '' is a block without one. */
export const SHELL_LANGS: ReadonlySet<string> = new Set([
  '',
  'bash',
  'sh',
  'shell',
  'zsh',
  'console',
  'shell-session',
]);

const PROMPT = /^\s*\$ (.*)$/;

/**
 * The shell script of a block. A transcript (`console`, or any block with
 * `$ ` prompts) keeps only its prompted lines and their `\` continuations;
 * output lines become empty so line numbers stay right.
 */
export function shellScriptOf(block: CodeBlock): string {
  const lines = block.text.split('\n');
  const transcript =
    block.lang === 'console' ||
    block.lang === 'shell-session' ||
    lines.some(text => PROMPT.test(text));
  if (!transcript) {
    return block.text;
  }
  let continued = false;
  return lines
    .map(text => {
      const prompt = PROMPT.exec(text);
      let kept: string | undefined;
      if (prompt) kept = prompt[1];
      else if (continued) kept = text;
      continued = kept !== undefined && kept.trimEnd().endsWith('\\');
      return kept ?? '';
    })
    .join('\n');
}
