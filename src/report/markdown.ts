/**
 * Escaping for GitHub-flavoured Markdown. Every value the report takes from the plan or the
 * environment goes through one of these, so none of it can become HTML, a link, a mention or a
 * break out of the block it sits in. Data goes in code (spans or blocks): GitHub renders no
 * HTML, autolink, emphasis or @mention inside code, and shows the text as it is.
 */

/** Shown in place of a line break where the text must stay on one line. */
export const LINE_BREAK = '⏎';

/** Inline code showing `text` exactly, on one line. */
export function code(text: string): string {
  // A code span cannot hold a line break, and a blank line would end the paragraph around it.
  const line = text.replace(/\r\n|\r|\n/g, LINE_BREAK);
  if (line === '') return '_(empty)_';
  const fence = '`'.repeat(longestRun(line, '`') + 1);
  // GFM strips one space from each end of a span that starts and ends with one, and a backtick at
  // either end would join the fence: pad so the text survives both.
  const pad = line.startsWith('`') || line.endsWith('`') || (line.startsWith(' ') && line.endsWith(' ') && /[^ ]/.test(line)) ? ' ' : '';
  return `${fence}${pad}${line}${pad}${fence}`;
}

/**
 * Inline code for a table cell. GitHub (cmark-gfm) splits cells at every `|` not preceded by a
 * backslash, even inside code, and drops that one backslash before building the cell, so `\|`
 * shows as `|` inside the code span.
 */
export function cellCode(text: string): string {
  return code(text).replace(/\|/g, '\\|');
}

/** A fenced code block holding `text` verbatim (one line per line), e.g. with info `diff`. */
export function codeBlock(text: string, info = ''): string {
  const body = text.replace(/\r\n|\r/g, '\n');
  const fence = '`'.repeat(Math.max(3, longestRun(body, '`') + 1));
  return `${fence}${info}\n${body}\n${fence}`;
}

/** Markdown placed inside a blockquote (e.g. a GitHub alert): every line marked with `>`. */
export function quote(markdown: string): string {
  return markdown
    .split('\n')
    .map((line) => (line ? `> ${line}` : '>'))
    .join('\n');
}

/**
 * Text inside raw HTML (e.g. `<summary>`): entities for the characters HTML gives meaning, and
 * line breaks shown, since a blank line would end the HTML block and let the rest be read as
 * Markdown. Put it inside `<code>` where it is data, so GitHub makes no mention of an `@name`.
 */
export function htmlText(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/\r\n|\r|\n/g, LINE_BREAK);
}

/** `text` cut to `max` characters, saying how long it was. */
export function shorten(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}… (${text.length} characters)`;
}

function longestRun(text: string, char: string): number {
  let longest = 0;
  let run = 0;
  for (const c of text) {
    run = c === char ? run + 1 : 0;
    longest = Math.max(longest, run);
  }
  return longest;
}
