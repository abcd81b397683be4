import { isIP } from 'node:net';
import { z } from 'zod';

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

/** C0 controls (NUL, newline, …) and DEL: invisible in the web UI and in logs, never meant in a name. */
function isControlCode(code: number): boolean {
  return code < 0x20 || code === 0x7f;
}

/** The index of the first control character in `value`, or -1 when it has none. */
function firstControlCharacter(value: string): number {
  for (let i = 0; i < value.length; i++) if (isControlCode(value.charCodeAt(i))) return i;
  return -1;
}

/** "U+0000 at position 3", so that an invisible character can be found. */
function describeControlCharacter(value: string): string {
  const i = firstControlCharacter(value);
  if (i < 0) return 'none';
  return `U+${value.charCodeAt(i).toString(16).toUpperCase().padStart(4, '0')} at position ${i + 1}`;
}

export const name = withoutControlCharacters(
  z.string({ error: requiredOr('must be a string') })
    .min(1, 'must not be empty')
    .max(128, 'must be at most 128 characters')
    .refine((v) => v.trim() === v, 'must not start or end with whitespace'),
);

/** A user name (or group name) as the appliance matches it. */
export const userName = withoutControlCharacters(z.string({ error: requiredOr('must be a username') }).min(1, 'must not be empty'));

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

/** A refinement for any text the appliance shows or matches by value: no control characters. */
export function withoutControlCharacters<S extends z.ZodString>(schema: S) {
  return schema.refine((v) => firstControlCharacter(v) < 0, { error: (issue) => `must not contain control characters (found ${describeControlCharacter(String(issue.input))})` });
}

/**
 * Strictness of object schemas. The appliance silently ignores keys it does not know (`strip`);
 * the provider and constructs use `strict` so that a misplaced field (for example `dns_server`
 * with a `fix` server address) is reported instead of vanishing.
 */
export type Strictness = 'strip' | 'strict';

export function objectFactory(strictness: Strictness) {
  return <S extends z.ZodRawShape>(shape: S) => (strictness === 'strict' ? z.strictObject(shape) : z.object(shape));
}
