import { commentText } from './texts';

/**
 * TypeScript expressions for the CDKTF app, printed on one line when they fit and one item per
 * line when they do not, in the style of the README's examples (single quotes, trailing commas).
 */

export type Ts =
  | { readonly code: string }
  | { readonly object: ReadonlyArray<readonly [string, Ts]> }
  | { readonly array: readonly Ts[] }
  | { readonly commented: Ts; readonly comment: string }
  | { readonly call: string; readonly args: readonly Ts[] };

const WIDTH = 110;

export const code = (text: string): { readonly code: string } => ({ code: text });
export const str = (value: string): { readonly code: string } => code(tsString(value));
export const lit = (value: string | number | boolean): Ts => (typeof value === 'string' ? str(value) : code(String(value)));
export const obj = (entries: ReadonlyArray<readonly [string, Ts | undefined]>): Ts => ({
  object: entries.filter((entry): entry is readonly [string, Ts] => entry[1] !== undefined),
});
export const arr = (items: readonly Ts[]): Ts => ({ array: items });
/** `fn(arg, …)`. */
export const call = (fn: string, ...args: readonly Ts[]): Ts => ({ call: fn, args });

/** Renders `value` on a line indented by `indent`, starting at `column` (after a key, say). */
export function renderTs(value: Ts, indent: number, column = indent): string {
  const flat = renderFlat(value);
  if (flat !== undefined && column + flat.length <= WIDTH) return flat;
  const pad = ' '.repeat(indent + 2);
  if ('object' in value) {
    if (value.object.length === 0) return '{}';
    const entries = value.object.map(([key, item]) => `${pad}${key}: ${renderTs(item, indent + 2, indent + 2 + key.length + 2)},`);
    return `{\n${entries.join('\n')}\n${' '.repeat(indent)}}`;
  }
  if ('array' in value) {
    if (value.array.length === 0) return '[]';
    return `[\n${value.array.map((item) => `${pad}${renderTs(item, indent + 2)},`).join('\n')}\n${' '.repeat(indent)}]`;
  }
  if ('commented' in value) return `${renderTs(value.commented, indent, column)} /* ${tsCommentText(value.comment)} */`;
  if ('call' in value) {
    if (value.args.length === 0) return `${value.call}()`;
    if (value.args.length === 1) return `${value.call}(${renderTs(value.args[0], indent, column + value.call.length + 1)})`;
    return `${value.call}(\n${value.args.map((arg) => `${pad}${renderTs(arg, indent + 2)},`).join('\n')}\n${' '.repeat(indent)})`;
  }
  return value.code;
}

/** One line, or undefined when the value holds a comment (comments get a line of their own). */
function renderFlat(value: Ts): string | undefined {
  if ('code' in value) return value.code;
  if ('commented' in value) return undefined;
  if ('call' in value) {
    const args = value.args.map(renderFlat);
    return args.some((arg) => arg === undefined) ? undefined : `${value.call}(${args.join(', ')})`;
  }
  if ('array' in value) {
    const items = value.array.map(renderFlat);
    return items.some((item) => item === undefined) ? undefined : `[${items.join(', ')}]`;
  }
  if (value.object.length === 0) return '{}';
  const entries = value.object.map(([key, item]) => {
    const text = renderFlat(item);
    return text === undefined ? undefined : `${key}: ${text}`;
  });
  return entries.some((entry) => entry === undefined) ? undefined : `{ ${entries.join(', ')} }`;
}

/** A single-quoted TypeScript string literal. */
export function tsString(value: string): string {
  let out = "'";
  for (const c of value) {
    const code = c.charCodeAt(0);
    if (c === "'") out += "\\'";
    else if (c === '\\') out += '\\\\';
    else if (c === '\n') out += '\\n';
    else if (c === '\r') out += '\\r';
    else if (c === '\t') out += '\\t';
    else if (code < 0x20 || code === 0x7f || code === 0x2028 || code === 0x2029) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += c;
  }
  return `${out}'`;
}

/** Text for a TypeScript comment: one line, never closing a block comment early. */
export function tsCommentText(text: string): string {
  return commentText(text).replace(/\*\//g, '* /');
}
