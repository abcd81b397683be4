import { holdsSecretField, SECRET_FIELD_NAME } from '../model/secret-names';
import { ANY } from './own-kinds';

/**
 * Attribute-level differences between two values, with sensitive values redacted (Terraform's
 * before_sensitive/after_sensitive masks, plus any attribute named like a secret) and unknown
 * values shown as "(known after apply)". Sets (given by their paths) are compared by membership:
 * their order means nothing, so a position-by-position diff would report changes nobody made.
 */
export const REDACTED = '(sensitive value)';
export const UNKNOWN = '(known after apply)';

export type AttributeDiff =
  | { kind: 'value'; path: string; before: string; after: string }
  | { kind: 'set'; path: string; removed: string[]; added: string[] };

/** What a value is compared by (`same`, never shown: it holds secrets) and how it is shown (`text`). */
interface Shown {
  same: string;
  text: string;
}

export type Leaf = (Shown & { members?: undefined }) | (Shown & { members: Shown[] });

type Segment = string | number;

export interface Masks {
  sensitive?: unknown;
  unknown?: unknown;
}

/** Flattens a value into "a.b[0].c" → leaf, with set attributes (at `setPaths`) kept whole as members. */
export function flatten(value: unknown, masks: Masks, setPaths: readonly string[][]): Map<string, Leaf> {
  const leaves = new Map<string, Leaf>();
  walk(value, masks.sensitive, masks.unknown, [], setPaths, leaves);
  return leaves;
}

function walk(value: unknown, sensitive: unknown, unknown: unknown, path: Segment[], setPaths: readonly string[][], into: Map<string, Leaf>): void {
  const key = pathText(path);
  if (sensitive === true || isSecret(path.at(-1), value)) {
    into.set(key, { same: `s:${JSON.stringify(value)}`, text: REDACTED });
    return;
  }
  if (unknown === true) {
    into.set(key, { same: 'u', text: UNKNOWN });
    return;
  }
  if (Array.isArray(value) && setPaths.some((set) => matches(set, path))) {
    const members = value.map((item, i) => member(item, pick(sensitive, i), pick(unknown, i), i));
    into.set(key, { same: JSON.stringify(members.map((m) => m.same).sort()), text: `[${members.map((m) => m.text).join(', ')}]`, members });
    return;
  }
  if (Array.isArray(value)) {
    if (value.length === 0) into.set(key, { same: '[]', text: '[]' });
    value.forEach((item, i) => walk(item, pick(sensitive, i), pick(unknown, i), [...path, i], setPaths, into));
    return;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0) into.set(key, { same: '{}', text: '{}' });
    for (const [name, item] of entries) walk(item, pick(sensitive, name), pick(unknown, name), [...path, name], setPaths, into);
    // Unknown attributes that have no value yet still deserve a line.
    if (unknown && typeof unknown === 'object' && !Array.isArray(unknown)) {
      for (const [name, flag] of Object.entries(unknown)) if (flag === true && !(name in value)) into.set(pathText([...path, name]), { same: 'u', text: UNKNOWN });
    }
    return;
  }
  if (value !== undefined) into.set(key, { same: JSON.stringify(value), text: value === null ? 'null' : JSON.stringify(value) });
}

/** One member of a set, whole: redacted if any part of it is sensitive, unknown if any part is. */
function member(value: unknown, sensitive: unknown, unknown: unknown, index: number): Shown {
  if (anyTrue(sensitive) || holdsSecretField(value, isSecret)) return { same: `s:${JSON.stringify(value)}`, text: REDACTED };
  // Each unknown member is its own: two of them are not one member twice.
  if (anyTrue(unknown)) return { same: `u:${index}`, text: UNKNOWN };
  return { same: JSON.stringify(value), text: JSON.stringify(value) };
}

export function attributeDiffs(before: unknown, after: unknown, masks: { before: Masks; after: Masks }, setPaths: readonly string[][]): AttributeDiff[] {
  const a = flatten(before ?? {}, { sensitive: masks.before.sensitive }, setPaths);
  const b = flatten(after ?? {}, masks.after, setPaths);
  const paths = [...new Set([...a.keys(), ...b.keys()])].sort();
  const diffs: AttributeDiff[] = [];
  for (const path of paths) {
    const was = a.get(path);
    const is = b.get(path);
    if (was?.same === is?.same) continue;
    if (was?.members && is?.members) {
      diffs.push({ kind: 'set', path, removed: missingFrom(was.members, is.members), added: missingFrom(is.members, was.members) });
    } else {
      diffs.push({ kind: 'value', path, before: was?.text ?? '—', after: is?.text ?? '—' });
    }
  }
  return diffs;
}

/** The members of `from` that `other` lacks, counting repeats (a set in the plan never repeats, but unknown members may). */
function missingFrom(from: Shown[], other: Shown[]): string[] {
  const left = new Map<string, number>();
  for (const m of other) left.set(m.same, (left.get(m.same) ?? 0) + 1);
  const missing: string[] = [];
  for (const m of from) {
    const n = left.get(m.same) ?? 0;
    if (n > 0) left.set(m.same, n - 1);
    else missing.push(m.text);
  }
  return missing;
}

/** "a.b[0].c", and `m["key with spaces"]` for names that are not plain identifiers. */
function pathText(path: readonly Segment[]): string {
  return path
    .map((segment, i) => {
      if (typeof segment === 'number') return `[${segment}]`;
      if (/^[A-Za-z_][A-Za-z0-9_-]*$/.test(segment)) return i === 0 ? segment : `.${segment}`;
      return `[${JSON.stringify(segment)}]`;
    })
    .join('');
}

function matches(pattern: readonly string[], path: readonly Segment[]): boolean {
  return pattern.length === path.length && pattern.every((segment, i) => segment === ANY || segment === path[i]);
}

/** The report masks more than the model's isSecretField: any value under a secret-looking name, numbers too. */
function isSecret(name: Segment | undefined, value: unknown): boolean {
  return typeof name === 'string' && SECRET_FIELD_NAME.test(name) && value !== null && value !== undefined;
}

function anyTrue(mask: unknown): boolean {
  if (mask === true) return true;
  if (mask && typeof mask === 'object') return Object.values(mask).some(anyTrue);
  return false;
}

function pick(mask: unknown, key: string | number): unknown {
  if (mask === true) return true;
  if (mask && typeof mask === 'object') return (mask as Record<string | number, unknown>)[key];
  return undefined;
}
