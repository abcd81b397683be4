import { isIP } from 'node:net';
import * as z from 'zod';

/**
 * Field-level building blocks shared by every appliance object schema. Messages are phrased to
 * follow a field path ("network.ports[0]: must be …").
 */

// Every missing field, whatever its type, reads "is required" rather than zod's type message.
z.config({ customError: (issue) => (issue.code === 'invalid_type' && issue.input === undefined ? 'is required' : undefined) });

/** A zod error function: "is required" for a missing field, `message` for a wrong one. */
function requiredOr(message: string) {
  return (issue: { input?: unknown }) => (issue.input === undefined ? 'is required' : message);
}

function isCidrOrAddress(value: string): boolean {
  const [address, prefix, ...rest] = value.split('/');
  if (rest.length > 0) return false;
  const family = isIP(address);
  if (family === 0) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return false;
  return Number(prefix) <= (family === 4 ? 32 : 128);
}

const HOSTNAME = /^(?=.{1,253}$)([A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?$/;
/** A domain pattern as SPS accepts for target domains: a hostname, optionally starting with "*." or just "*". */
const DOMAIN_PATTERN = /^(\*|(\*\.)?[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*)$/;

function isHostname(value: string): boolean {
  return HOSTNAME.test(value);
}

/**
 * Object keys as the appliance issues them: negative integers for built-ins, and generated
 * identifiers (hex strings or UUIDs). A name where a key belongs is the most common mistake, so
 * the message says where keys come from.
 */
const KEY = /^(-?\d+|[0-9a-fA-F]{12,64}|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$/;

export function isObjectKey(value: string): boolean {
  return KEY.test(value);
}

/** Built-in objects have negative integer keys; the appliance issues every other key. */
export function isBuiltinKey(key: string): boolean {
  return /^-\d+$/.test(key);
}

/**
 * The object name rules besides visibility, which `nameLike` (fields.ts) adds to every field that
 * names something, with `visibleToReviewers`.
 */
export const name = z.string({ error: requiredOr('must be a string') }).min(1, 'must not be empty').max(128, 'must be at most 128 characters');

/** A user name (or group name) as the appliance matches it. */
export const userName = z.string({ error: requiredOr('must be a username') }).min(1, 'must not be empty');

export const port = z.number({ error: requiredOr('must be a port number') })
  .int('must be a whole number')
  .min(1, 'must be a port number between 1 and 65535')
  .max(65535, 'must be a port number between 1 and 65535');

export const ipAddress = z.string({ error: requiredOr('must be an IP address') }).refine((v) => isIP(v) !== 0, {
  error: (issue) => `must be an IPv4 or IPv6 address, got ${JSON.stringify(issue.input)}`,
});

export const cidr = z.string({ error: requiredOr('must be an IP address or CIDR range') }).refine(isCidrOrAddress, {
  error: (issue) => `must be an IP address or CIDR range such as 10.0.0.0/8, got ${JSON.stringify(issue.input)}`,
});

export const hostOrAddress = z.string({ error: requiredOr('must be a hostname or IP address') })
  .refine((v) => isIP(v) !== 0 || isHostname(v), {
    error: (issue) => `must be a hostname or IP address, got ${JSON.stringify(issue.input)}`,
  });

export const domainName = z.string({ error: requiredOr('must be a domain name') }).refine(isHostname, {
  error: (issue) => `must be a domain name such as example.com, got ${JSON.stringify(issue.input)}`,
});

export const domainPattern = z.string({ error: requiredOr('must be a domain') }).refine((v) => DOMAIN_PATTERN.test(v), {
  error: (issue) => `must be a domain such as example.com, *.example.com or *, got ${JSON.stringify(issue.input)}`,
});

/**
 * A reference to another object. Requests carry the bare key; responses embed
 * `{"key": …, "meta": {"href": …}}`. Both are accepted and the bare key comes out.
 */
export function referenceKey(targetKind: string) {
  const message = `must be the key of the referenced ${targetKind} (a key such as "-304001002" or one from a data source), not its name`;
  return z.preprocess(
    (value) =>
      value !== null && typeof value === 'object' && 'key' in (value as Record<string, unknown>)
        ? (value as Record<string, unknown>).key
        : value,
    z.string({ error: requiredOr(message) }).refine(isObjectKey, {
      error: (issue) => `${message}; got ${JSON.stringify(issue.input)}`,
    }),
  );
}

/**
 * A list whose entries must be unique (the appliance matches membership): a repeated entry is
 * reported at its own index, naming the value and where it first appears.
 */
export function uniqueItems<T extends z.ZodType>(item: T, what: string) {
  return z.array(item).superRefine((items, context) => {
    const seen = new Map<string, number>();
    items.forEach((entry, index) => {
      const id = JSON.stringify(entry);
      const first = seen.get(id);
      if (first === undefined) seen.set(id, index);
      else context.addIssue({ code: 'custom', path: [index], message: `${truncated(id)} is listed twice (also at [${first}]): ${what} must be unique` });
    });
  });
}

function truncated(text: string): string {
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}

// ---- names a reviewer can read ------------------------------------------------------------

/** Characters that render as nothing: zero-width and other ignorable ones, format characters, and blanks that are letters or symbols. */
const INVISIBLE = /[\p{Default_Ignorable_Code_Point}\p{Cf}\u2800]/u;
const CONTROL = /\p{Cc}/u;
/** Bidirectional controls (U+200E/F, U+202A–U+202E, U+2066–U+2069, U+061C): they reorder the text around them. */
const BIDI = /\p{Bidi_Control}/u;
const SPACE = /\p{White_Space}/u;
const MARK = /\p{M}/u;
/** Printable ASCII, spaces only between other characters: nothing in it can mislead a reviewer. */
const PRINTABLE_ASCII = /^(?:[\x21-\x7e][\x20-\x7e]*)?[\x21-\x7e]$|^$/;

/** Unicode names of the characters people meet, for the message (Node has no table of names; the reason names the class). */
const CHARACTER_NAMES: Readonly<Record<number, string>> = {
  0x00: 'NULL', 0x09: 'CHARACTER TABULATION', 0x0a: 'LINE FEED', 0x0d: 'CARRIAGE RETURN', 0x20: 'SPACE', 0x7f: 'DELETE', 0x85: 'NEXT LINE',
  0xa0: 'NO-BREAK SPACE', 0xad: 'SOFT HYPHEN', 0x034f: 'COMBINING GRAPHEME JOINER', 0x0301: 'COMBINING ACUTE ACCENT', 0x061c: 'ARABIC LETTER MARK',
  0x115f: 'HANGUL CHOSEONG FILLER', 0x1160: 'HANGUL JUNGSEONG FILLER', 0x1680: 'OGHAM SPACE MARK', 0x180e: 'MONGOLIAN VOWEL SEPARATOR',
  0x2000: 'EN QUAD', 0x2001: 'EM QUAD', 0x2002: 'EN SPACE', 0x2003: 'EM SPACE', 0x2007: 'FIGURE SPACE', 0x2009: 'THIN SPACE', 0x200a: 'HAIR SPACE',
  0x200b: 'ZERO WIDTH SPACE', 0x200c: 'ZERO WIDTH NON-JOINER', 0x200d: 'ZERO WIDTH JOINER', 0x200e: 'LEFT-TO-RIGHT MARK', 0x200f: 'RIGHT-TO-LEFT MARK',
  0x2028: 'LINE SEPARATOR', 0x2029: 'PARAGRAPH SEPARATOR', 0x202a: 'LEFT-TO-RIGHT EMBEDDING', 0x202b: 'RIGHT-TO-LEFT EMBEDDING',
  0x202c: 'POP DIRECTIONAL FORMATTING', 0x202d: 'LEFT-TO-RIGHT OVERRIDE', 0x202e: 'RIGHT-TO-LEFT OVERRIDE', 0x202f: 'NARROW NO-BREAK SPACE',
  0x205f: 'MEDIUM MATHEMATICAL SPACE', 0x2060: 'WORD JOINER', 0x2061: 'FUNCTION APPLICATION', 0x2062: 'INVISIBLE TIMES', 0x2063: 'INVISIBLE SEPARATOR',
  0x2064: 'INVISIBLE PLUS', 0x2066: 'LEFT-TO-RIGHT ISOLATE', 0x2067: 'RIGHT-TO-LEFT ISOLATE', 0x2068: 'FIRST STRONG ISOLATE', 0x2069: 'POP DIRECTIONAL ISOLATE',
  0x2800: 'BRAILLE PATTERN BLANK', 0x3000: 'IDEOGRAPHIC SPACE', 0x3164: 'HANGUL FILLER', 0xfe0f: 'VARIATION SELECTOR-16', 0xfeff: 'ZERO WIDTH NO-BREAK SPACE',
  0xffa0: 'HALFWIDTH HANGUL FILLER',
};

function describeCharacter(code: number): string {
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  return CHARACTER_NAMES[code] ? `${hex} (${CHARACTER_NAMES[code]})` : hex;
}

/**
 * Why a name would mislead a reviewer reading it in a pull request or a plan, or undefined: the
 * first character that is invisible (zero-width, ignorable, a filler or blank), a control
 * character (C0, DEL, C1), a bidirectional control, a space other than U+0020 or at either end, or
 * a combining mark with nothing to combine with. Positions count characters (code points) from 1.
 */
export function invisibleCharacterProblem(value: string): string | undefined {
  // Nearly every name is printable ASCII: checked on every parse of every object, so at once.
  if (PRINTABLE_ASCII.test(value)) return undefined;
  const characters = [...value];
  for (let i = 0; i < characters.length; i++) {
    const character = characters[i];
    const at = `character ${i + 1} is ${describeCharacter(character.codePointAt(0)!)}`;
    if (CONTROL.test(character)) return `${at}, a control character, invisible in a review`;
    if (BIDI.test(character)) return `${at}, which reorders the text around it, so a review does not show it as it is`;
    if (SPACE.test(character)) {
      if (i === 0 || i === characters.length - 1) return `${at}, at the ${i === 0 ? 'start' : 'end'}, invisible in a review`;
      if (character !== ' ') return `${at}, which a review cannot tell from an ordinary space (U+0020)`;
      continue;
    }
    if (INVISIBLE.test(character)) return `${at}, invisible in a review`;
    if (MARK.test(character) && (i === 0 || SPACE.test(characters[i - 1]))) return `${at}, a combining mark with no character to combine with, invisible in a review`;
  }
  return undefined;
}

/**
 * Refuses names a reviewer cannot read as they are (see invisibleCharacterProblem); `nameLike`
 * applies it. Made once per schema: many fields share one (every object's `name`).
 */
export function visibleToReviewers(schema: z.ZodType<string>): z.ZodType<string> {
  let visible = visibleVersions.get(schema);
  if (!visible) {
    visible = schema.superRefine((value, context) => {
      const problem = invisibleCharacterProblem(value);
      if (problem) context.addIssue({ code: 'custom', message: problem, input: value });
    });
    visibleVersions.set(schema, visible);
  }
  return visible;
}

const visibleVersions = new WeakMap<z.ZodType<string>, z.ZodType<string>>();

/**
 * Strictness of object schemas. The appliance silently ignores keys it does not know (`strip`);
 * the provider and constructs use `strict` so that a misplaced field (for example `dns_server`
 * with a `fix` server address) is reported instead of vanishing.
 */
export type Strictness = 'strip' | 'strict';

export function objectFactory(strictness: Strictness) {
  return <S extends z.ZodRawShape>(shape: S) => (strictness === 'strict' ? z.strictObject(shape) : z.object(shape));
}
