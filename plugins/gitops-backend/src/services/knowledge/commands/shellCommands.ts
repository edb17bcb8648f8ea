/**
 * A small shell lexer, hand-written on purpose: `shell-quote` (the usual
 * library) joins lines into one command, lets a comment swallow the rest of
 * the script, reads `<app>` placeholders as redirections, does not parse
 * `$(…)` or here-documents, and reports no line numbers, so wrapping it
 * would not be shorter than this.
 */

export interface ShellCommand {
  /** Line of the command's first word. */
  line: number;
  /** Words after quote removal; redirections and their targets are dropped. */
  words: string[];
}

/** `<app>`, `<history-id>`: docs' placeholders, not redirections. */
const PLACEHOLDER = /^<[A-Za-z_][\w.:/@=-]*>/;
const HEREDOC = /^<<-?\s*(['"]?)([\w.-]+)\1/;

/** Index just after the `)` closing the group opened before `from`. */
function closingParen(s: string, from: number): number {
  let depth = 1;
  let i = from;
  while (i < s.length) {
    const c = s[i];
    if (c === '\\') {
      i += 2;
      continue;
    }
    if (c === "'" || c === '"') {
      const end = s.indexOf(c, i + 1);
      i = end === -1 ? s.length : end + 1;
      continue;
    }
    if (c === '(') depth++;
    if (c === ')' && --depth === 0) return i + 1;
    i++;
  }
  return s.length;
}

const newlines = (text: string) => text.split('\n').length - 1;

/**
 * Splits a shell script into simple commands: joins `\` continuations,
 * honours quotes, splits on newlines, `;`, `|`, `||`, `&&`, `&` and
 * parentheses, drops comments, redirections and here-documents, and parses
 * `$(…)`, `` `…` `` and `<(…)` substitutions as commands of their own.
 */
export function splitShellCommands(
  script: string,
  firstLine = 1,
): ShellCommand[] {
  const commands: ShellCommand[] = [];
  const pendingHeredocs: string[] = [];
  let words: string[] = [];
  let word: string | undefined;
  let commandLine = firstLine;
  let line = firstLine;
  let dropNextWord = false;
  let i = 0;

  const append = (text: string) => {
    if (word === undefined) {
      word = '';
      if (words.length === 0 && !dropNextWord) commandLine = line;
    }
    word += text;
  };
  const endWord = () => {
    if (word === undefined) return;
    if (dropNextWord) dropNextWord = false;
    else words.push(word);
    word = undefined;
  };
  const endCommand = () => {
    endWord();
    if (words.length > 0) commands.push({ line: commandLine, words });
    words = [];
    dropNextWord = false;
  };
  /** `$(…)` or `<(…)` starting at `start` (the char before `(`). */
  const substitution = (start: number) => {
    const end = closingParen(script, start + 2);
    const inner = script.slice(start + 2, end - 1);
    commands.push(...splitShellCommands(inner, line));
    append(script.slice(start, end));
    line += newlines(inner);
    i = end;
  };
  const backticks = (start: number) => {
    const close = script.indexOf('`', start + 1);
    const end = close === -1 ? script.length : close;
    const inner = script.slice(start + 1, end);
    commands.push(...splitShellCommands(inner, line));
    append(script.slice(start, end + 1));
    line += newlines(inner);
    i = end + 1;
  };
  const skipHeredocs = () => {
    for (const delimiter of pendingHeredocs.splice(0)) {
      while (i < script.length) {
        const eol = script.indexOf('\n', i);
        const end = eol === -1 ? script.length : eol;
        const text = script.slice(i, end);
        i = end + 1;
        line++;
        if (text.trim() === delimiter) break;
      }
    }
  };

  while (i < script.length) {
    const c = script[i];
    const next = script[i + 1];
    const rest = script.slice(i);

    if (c === '\\') {
      if (next === '\n') line++;
      else if (next !== undefined) append(next);
      i += 2;
    } else if (c === '\n') {
      endCommand();
      line++;
      i++;
      skipHeredocs();
    } else if (c === ' ' || c === '\t' || c === '\r') {
      endWord();
      i++;
    } else if (c === '#' && word === undefined) {
      while (i < script.length && script[i] !== '\n') i++;
    } else if (c === "'") {
      const close = script.indexOf("'", i + 1);
      const end = close === -1 ? script.length : close;
      const text = script.slice(i + 1, end);
      append(text);
      line += newlines(text);
      i = end + 1;
    } else if (c === '"') {
      append('');
      i++;
      while (i < script.length && script[i] !== '"') {
        const d = script[i];
        if (d === '\\' && /["\\$`\n]/.test(script[i + 1] ?? '')) {
          if (script[i + 1] === '\n') line++;
          else append(script[i + 1]);
          i += 2;
        } else if (d === '$' && script[i + 1] === '(') {
          substitution(i);
        } else if (d === '`') {
          backticks(i);
        } else {
          if (d === '\n') line++;
          append(d);
          i++;
        }
      }
      i++;
    } else if ((c === '$' || c === '<' || c === '>') && next === '(') {
      if (c !== '$') endWord();
      substitution(i);
    } else if (c === '`') {
      backticks(i);
    } else if (c === '<' && PLACEHOLDER.test(rest)) {
      const placeholder = PLACEHOLDER.exec(rest)![0];
      append(placeholder);
      i += placeholder.length;
    } else if (c === '<' && HEREDOC.test(rest)) {
      const heredoc = HEREDOC.exec(rest)!;
      endWord();
      pendingHeredocs.push(heredoc[2]);
      i += heredoc[0].length;
    } else if (c === '<' || c === '>' || (c === '&' && next === '>')) {
      // Redirection: a leading fd number (`2>`) is not a word either.
      if (word !== undefined && /^\d+$/.test(word)) word = undefined;
      endWord();
      const op = /^(?:&>>?|<<<|<&|>&|>>|>\||<>|<|>)/.exec(rest)![0];
      i += op.length;
      if (op.endsWith('&')) {
        const fd = /^(?:\d+|-)/.exec(script.slice(i));
        if (fd) i += fd[0].length;
        else dropNextWord = true;
      } else {
        dropNextWord = true;
      }
    } else if (c === ';' || c === '|' || c === '&' || c === '(' || c === ')') {
      endCommand();
      i += (c === '|' || c === '&') && next === c ? 2 : 1;
    } else {
      append(c);
      i++;
    }
  }
  endCommand();
  return commands;
}
