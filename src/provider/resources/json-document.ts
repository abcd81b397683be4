import { canonicalJson } from '../../client/lost-update';

/**
 * The JSON documents of `sps_object` (`body`, `sensitive_body`): parsed, compared by meaning (key
 * order and whitespace do not count), projected onto the keys a configuration manages, and merged.
 * Objects are built with Object.fromEntries, so that a key such as "__proto__" stays a key.
 */

export type JsonObject = Record<string, unknown>;

export function isJsonObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The document as an object, or why it is not one; `secret`: the reason never quotes the text. */
export function parseJsonObject(text: string, secret = false): { value: JsonObject } | { problem: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    // V8's message quotes the text around the error, so a secret document gets none of it.
    return { problem: secret ? 'is not valid JSON (the text is not shown: it is sensitive)' : `is not valid JSON: ${(error as Error).message}` };
  }
  if (!isJsonObject(value)) return { problem: `must be a JSON object (e.g. jsonencode({ name = "…" })), not ${Array.isArray(value) ? 'an array' : value === null ? 'null' : `a ${typeof value}`}` };
  return { value };
}

/** Whether two JSON values mean the same. */
export function sameJson(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

/** JSON text with sorted keys and no whitespace, as `jsonencode` writes it. */
export function normalizedJson(value: unknown): string {
  return canonicalJson(value);
}

/**
 * The part of `value` that `shape` names: at every object level, only the keys `shape` has (and
 * `value` holds); lists and scalars are taken whole, as elements have no identity to match.
 */
export function project(value: unknown, shape: unknown): unknown {
  if (!isJsonObject(value) || !isJsonObject(shape)) return value;
  return Object.fromEntries(Object.keys(shape).filter((key) => Object.hasOwn(value, key)).map((key) => [key, project(value[key], shape[key])]));
}

/** `over` laid over `base`: objects merged key by key at every level, anything else replaced. */
export function merge(base: unknown, over: unknown): unknown {
  if (!isJsonObject(base) || !isJsonObject(over)) return over;
  const keys = [...Object.keys(base), ...Object.keys(over).filter((key) => !Object.hasOwn(base, key))];
  return Object.fromEntries(keys.map((key) => [key, Object.hasOwn(over, key) ? merge(base[key], over[key]) : base[key]]));
}

/** The paths (e.g. `bind.password`) that both documents set, below objects they share. */
export function overlaps(a: unknown, b: unknown, path = ''): string[] {
  if (!isJsonObject(a) || !isJsonObject(b)) return [path];
  return Object.keys(b)
    .filter((key) => Object.hasOwn(a, key))
    .flatMap((key) => overlaps(a[key], b[key], path ? `${path}.${key}` : key));
}
