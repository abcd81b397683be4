/**
 * Attribute-level differences between two values, with sensitive values redacted (Terraform's
 * before_sensitive/after_sensitive masks, plus any attribute named like a secret) and unknown
 * values shown as "(known after apply)".
 */
export const REDACTED = '(sensitive value)';
export const UNKNOWN = '(known after apply)';
const SECRET_NAME = /password|secret|token|private_key/i;

export interface AttributeDiff {
  path: string;
  before: string;
  after: string;
}

type Leaves = Map<string, string>;

/** Flattens a value into "a.b[0].c" → display text, redacting and marking unknowns. */
export function flatten(value: unknown, sensitive: unknown, unknown: unknown, path = '', into: Leaves = new Map()): Leaves {
  const name = path.split(/[.[]/).filter(Boolean).at(-1) ?? '';
  if (sensitive === true || (path && SECRET_NAME.test(name) && value !== null && value !== undefined)) {
    into.set(path, REDACTED);
    return into;
  }
  if (unknown === true) {
    into.set(path, UNKNOWN);
    return into;
  }
  if (Array.isArray(value)) {
    if (value.length === 0) into.set(path, '[]');
    value.forEach((item, i) => flatten(item, pick(sensitive, i), pick(unknown, i), `${path}[${i}]`, into));
    return into;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0) into.set(path, '{}');
    for (const [key, item] of entries) flatten(item, pick(sensitive, key), pick(unknown, key), path ? `${path}.${key}` : key, into);
    // Unknown attributes that have no value yet still deserve a line.
    if (unknown && typeof unknown === 'object' && !Array.isArray(unknown)) {
      for (const [key, flag] of Object.entries(unknown)) if (flag === true && !(key in (value as object))) into.set(path ? `${path}.${key}` : key, UNKNOWN);
    }
    return into;
  }
  if (value !== undefined) into.set(path, value === null ? 'null' : JSON.stringify(value));
  return into;
}

function pick(mask: unknown, key: string | number): unknown {
  if (mask === true) return true;
  if (mask && typeof mask === 'object') return (mask as Record<string | number, unknown>)[key];
  return undefined;
}

export function attributeDiffs(before: unknown, after: unknown, masks: { beforeSensitive?: unknown; afterSensitive?: unknown; afterUnknown?: unknown }): AttributeDiff[] {
  const a = flatten(before ?? {}, masks.beforeSensitive, undefined);
  const b = flatten(after ?? {}, masks.afterSensitive, masks.afterUnknown);
  const paths = [...new Set([...a.keys(), ...b.keys()])].sort();
  const diffs: AttributeDiff[] = [];
  for (const path of paths) {
    const was = a.get(path) ?? '—';
    const is = b.get(path) ?? '—';
    if (was !== is) diffs.push({ path, before: was, after: is });
  }
  return diffs;
}
