import { EXPORTED_KINDS, type ExportedKind, exportedKindByName } from './kinds';

/** `--select KIND=GLOB`: which objects to export. No selection means every object of every kind. */
export interface Selection {
  /** Kinds to read, in export order. */
  readonly kinds: readonly ExportedKind[];
  /** Whether an object of `kind` named `name` is exported. */
  includes(kind: ExportedKind, name: string): boolean;
  /** The selection as given, for comments and summaries ("" when everything is exported). */
  readonly description: string;
}

export class SelectionError extends Error {}

/** Parses `--select` values: `user_list=team-*` (a glob on names, `*` and `?`). */
export function parseSelection(values: readonly string[]): Selection {
  if (values.length === 0) return { kinds: EXPORTED_KINDS, includes: () => true, description: '' };
  const globs = new Map<ExportedKind, RegExp[]>();
  for (const value of values) {
    const at = value.indexOf('=');
    const kindName = at < 0 ? value : value.slice(0, at);
    const glob = at < 0 ? '' : value.slice(at + 1);
    const kind = exportedKindByName(kindName);
    if (!kind) {
      throw new SelectionError(
        `--select "${value}": unknown kind "${kindName}" (expected one of ${EXPORTED_KINDS.map((k) => k.name).join(', ')})`,
      );
    }
    if (glob === '') throw new SelectionError(`--select "${value}": expected KIND=GLOB, e.g. ${kind.name}=team-*`);
    globs.set(kind, [...(globs.get(kind) ?? []), globToRegExp(glob)]);
  }
  return {
    kinds: EXPORTED_KINDS.filter((kind) => globs.has(kind)),
    includes: (kind, name) => (globs.get(kind) ?? []).some((pattern) => pattern.test(name)),
    description: values.join(' '),
  };
}

/** A glob on the whole name: `*` any run of characters, `?` one character, everything else literal. */
export function globToRegExp(glob: string): RegExp {
  const source = [...glob].map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('');
  return new RegExp(`^${source}$`, 's');
}
