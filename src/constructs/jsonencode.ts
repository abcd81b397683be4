import { Fn, Token } from 'cdktf';

/**
 * cdktf's marker of a string token (`${TfToken[<key>]}`, as in cdktf's tokens/private/encoding):
 * the text between markers is the string's literal text.
 */
const STRING_TOKEN = /\$\{TfToken\[[a-zA-Z0-9:._-]+\]\}/g;

/**
 * `Fn.jsonencode(document)`, with every string of the document (recursively) such that Terraform
 * encodes exactly the text given. cdktf writes each string between quotes in a Terraform
 * expression and escapes only line breaks and `${` in values, nothing in keys: the rest is
 * escaped here. A null list item, which cdktf would drop, is written as `jsondecode("null")`.
 */
export function jsonencodeDocument(document: Readonly<Record<string, unknown>>): string {
  return Fn.jsonencode(escapeValue(document));
}

/** Keys holding a token, which cdktf cannot write as keys: one problem each, naming the prop and where. */
export function tokenKeyProblems(prop: string, document: unknown, at = ''): string[] {
  if (Token.isUnresolved(document) || document === null || typeof document !== 'object') return [];
  if (Array.isArray(document)) return document.flatMap((item, index) => tokenKeyProblems(prop, item, `${at}[${index}]`));
  return Object.entries(document).flatMap(([key, value]) => {
    const path = at === '' ? key : `${at}.${key}`;
    if (Token.isUnresolved(key)) return [`\`${prop}\` key ${JSON.stringify(path)} holds a token (e.g. another object's key): keys must be plain text`];
    return tokenKeyProblems(prop, value, path);
  });
}

function escapeValue(value: unknown): unknown {
  if (Token.isUnresolved(value)) return typeof value === 'string' ? escapeAroundTokens(value) : value;
  if (typeof value === 'string') return escapeText(value);
  if (Array.isArray(value)) return value.map((item) => (item === null ? Fn.jsondecode('null') : escapeValue(item)));
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, field]) => [escapeKey(key), escapeValue(field)]));
  return value;
}

/**
 * A string holding tokens: only the text between the markers is escaped, and a `$` right before a
 * token is written as `\u0024`, since `$${` would make Terraform read the token as text.
 */
function escapeAroundTokens(value: string): string {
  let result = '';
  let last = 0;
  for (const match of value.matchAll(STRING_TOKEN)) {
    result += escapeText(value.slice(last, match.index)).replace(/\$$/, '\\u0024') + match[0];
    last = match.index + match[0].length;
  }
  return result + escapeText(value.slice(last));
}

/**
 * A value's literal text as cdktf needs it: quotes, backslashes, control characters other than
 * the line break (which cdktf escapes) and `%{`; and the brace of a list or map token marker
 * (`#{TfToken[`, `&{TfToken[`), which cdktf refuses in a string, as `\u007b`.
 */
function escapeText(text: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what this escapes
  return text.replace(/[\\"\u0000-\u0009\u000b-\u001f\u007f]|%\{|([#&])\{(?=TfToken\[)/g, (match, marker: string | undefined) => {
    if (marker) return `${marker}\\u007b`;
    if (match === '%{') return '%%{';
    if (match === '\\' || match === '"') return `\\${match}`;
    if (match === '\t') return '\\t';
    if (match === '\r') return '\\r';
    return `\\u${match.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}

/** A key (never a token, see tokenKeyProblems): cdktf escapes nothing there, so line breaks and `${` too. */
function escapeKey(key: string): string {
  return escapeText(key).replace(/\n/g, '\\n').replace(/\$\{/g, '$$$${');
}
