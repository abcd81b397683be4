/**
 * HCL text in the layout `terraform fmt` produces, so an exported main.tf passes `terraform fmt
 * -check`: two-space indents, `=` aligned across consecutive one-line attributes, trailing
 * comments aligned across consecutive commented lines (the rules of hclwrite's formatter).
 */

export interface HclLine {
  readonly indent: number;
  /** The line up to the `=` of a one-line attribute, or the whole line. */
  readonly lead: string;
  /** `= value` of a one-line attribute. */
  readonly assign?: string;
  /** A trailing comment, without `#`. */
  readonly comment?: string;
}

export function renderHclLines(lines: readonly HclLine[]): string {
  const leads = lines.map((line) => ' '.repeat(line.indent) + line.lead);
  const texts = [...leads];
  forEachChain(lines, (line) => line.assign !== undefined, (start, end) => {
    const width = Math.max(...leads.slice(start, end).map((lead) => lead.length));
    for (let i = start; i < end; i++) texts[i] = `${leads[i].padEnd(width)} ${lines[i].assign}`;
  });
  forEachChain(lines, (line) => line.comment !== undefined, (start, end) => {
    const width = Math.max(...texts.slice(start, end).map((text) => text.length));
    for (let i = start; i < end; i++) texts[i] = `${texts[i].padEnd(width)} # ${lines[i].comment}`;
  });
  return texts.map((text) => text.trimEnd()).join('\n') + '\n';
}

/** Calls `fn` for each run of consecutive lines matching `inChain` (blank lines break runs). */
function forEachChain(lines: readonly HclLine[], inChain: (line: HclLine) => boolean, fn: (start: number, end: number) => void): void {
  let start = -1;
  for (let i = 0; i <= lines.length; i++) {
    const member = i < lines.length && inChain(lines[i]);
    if (member && start < 0) start = i;
    if (!member && start >= 0) {
      fn(start, i);
      start = -1;
    }
  }
}

/** A quoted HCL string: JSON-like escapes, and `${`/`%{` escaped so nothing is interpolated. */
export function hclString(value: string): string {
  let out = '"';
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    const code = c.charCodeAt(0);
    if (c === '"') out += '\\"';
    else if (c === '\\') out += '\\\\';
    else if (c === '\n') out += '\\n';
    else if (c === '\r') out += '\\r';
    else if (c === '\t') out += '\\t';
    else if (code < 0x20 || code === 0x7f) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else if ((c === '$' || c === '%') && value[i + 1] === '{') out += c + c;
    else out += c;
  }
  return `${out}"`;
}
