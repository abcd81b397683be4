import { EXPORTED_KINDS, type ExportedKind, exportedKindByName, GENERIC_COLLECTIONS, type GenericCollection, genericCollectionByName } from './kinds';

/** `--select KIND=GLOB`: which objects to export. No selection means every object of every kind. */
export interface Selection {
  /** Kinds to read, in export order. */
  readonly kinds: readonly ExportedKind[];
  /** With --generic: the collections without a typed resource to read, exported as `sps_object`. */
  readonly generic: readonly GenericCollection[];
  /** Whether an object of `kind` named `name` is exported. */
  includes(kind: ExportedKind | GenericCollection, name: string): boolean;
  /** The selection as given, for comments and summaries ("" when everything is exported). */
  readonly description: string;
}

export class SelectionError extends Error {}

/** Parses `--select` values: `user_list=team-*` (a glob on names, `*` and `?`); with `generic`, kinds without a typed resource too. */
export function parseSelection(values: readonly string[], options: { readonly generic?: boolean } = {}): Selection {
  const generic = options.generic === true;
  if (values.length === 0) return { kinds: EXPORTED_KINDS, generic: generic ? GENERIC_COLLECTIONS : [], includes: () => true, description: '' };
  const globs = new Map<ExportedKind | GenericCollection, RegExp[]>();
  for (const value of values) {
    const at = value.indexOf('=');
    const kindName = at < 0 ? value : value.slice(0, at);
    const glob = at < 0 ? '' : value.slice(at + 1);
    const kind = exportedKindByName(kindName) ?? genericCollectionByName(kindName);
    if (!kind) {
      const names = [...EXPORTED_KINDS, ...(generic ? GENERIC_COLLECTIONS : [])].map((k) => k.name);
      throw new SelectionError(`--select "${value}": unknown kind "${kindName}" (expected one of ${names.join(', ')})`);
    }
    if (!generic && GENERIC_COLLECTIONS.includes(kind as GenericCollection)) {
      throw new SelectionError(`--select "${value}": ${kind.name} has no typed resource; add --generic to export its objects as sps_object`);
    }
    if (glob === '') throw new SelectionError(`--select "${value}": expected KIND=GLOB, e.g. ${kind.name}=team-*`);
    globs.set(kind, [...(globs.get(kind) ?? []), globToRegExp(glob)]);
  }
  return {
    kinds: EXPORTED_KINDS.filter((kind) => globs.has(kind)),
    generic: GENERIC_COLLECTIONS.filter((collection) => globs.has(collection)),
    includes: (kind, name) => (globs.get(kind) ?? []).some((pattern) => pattern.test(name)),
    description: values.join(' '),
  };
}

/** A glob on the whole name: `*` any run of characters, `?` one character, everything else literal. */
export function globToRegExp(glob: string): RegExp {
  const source = [...glob].map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('');
  return new RegExp(`^${source}$`, 's');
}
