/**
 * Identifiers for exported objects and lookups. They derive from names (what people recognise)
 * and, only where names collide, from keys (which never change), so the same appliance always
 * gives the same identifiers.
 */

/** A Terraform identifier from a name: lower case, `[a-z0-9_]`, starting with a letter. */
export function identifierFromName(name: string): string {
  const words = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  if (words === '') return 'unnamed';
  return /^[a-z]/.test(words) ? words : `n_${words}`;
}

export interface Named {
  readonly name: string;
  readonly key: string;
}

/**
 * Unique identifiers within one namespace (a resource type, a data source type). Objects whose
 * names give the same identifier all get a suffix from the end of their key, as short as keeps
 * them apart, so adding or removing a namesake never renames the others' suffixes.
 */
export function uniqueIdentifiers<T extends Named>(items: readonly T[]): Map<T, string> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const base = identifierFromName(item.name);
    groups.set(base, [...(groups.get(base) ?? []), item]);
  }
  const result = new Map<T, string>();
  const used = new Set<string>();
  // Plain names first, so a name that looks like "x_<suffix>" keeps its identifier.
  for (const [base, group] of groups) {
    if (group.length === 1 && !used.has(base)) {
      result.set(group[0], base);
      used.add(base);
    }
  }
  for (const [base, group] of [...groups].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const pending = group.filter((item) => !result.has(item));
    if (pending.length === 0) continue;
    const keys = pending.map((item) => keySuffixSource(item.key));
    for (let length = Math.min(6, Math.max(...keys.map((k) => k.length))); ; length++) {
      const candidates = pending.map((_, i) => `${base}_${keys[i].slice(-length)}`);
      const distinct = new Set(candidates).size === candidates.length && candidates.every((c) => !used.has(c));
      if (distinct || length >= Math.max(...keys.map((k) => k.length))) {
        pending.forEach((item, i) => {
          let identifier = candidates[i];
          // Only reachable with keys that differ in letters case or punctuation alone.
          for (let n = 2; used.has(identifier); n++) identifier = `${candidates[i]}_${n}`;
          result.set(item, identifier);
          used.add(identifier);
        });
        break;
      }
    }
  }
  return result;
}

/** The letters and digits of a key, lower case, that suffixes come from (`key` when it has none). */
export function keySuffixSource(key: string): string {
  const cleaned = key.toLowerCase().replace(/[^a-z0-9]/g, '');
  return cleaned === '' ? 'key' : cleaned;
}

/**
 * A TypeScript variable (and construct id) from a kind prefix and a Terraform identifier:
 * `user_list` + `team_ops` → `userListTeamOps`. An underscore stays before a digit, so distinct
 * identifiers stay distinct (`a_1` → `a_1`, `a1` → `a1`).
 */
export function camelIdentifier(...parts: string[]): string {
  const words = parts.join('_').split('_').filter((word) => word.length > 0);
  return words
    .map((word, index) => {
      if (index === 0) return word;
      return /^[0-9]/.test(word) ? `_${word}` : word[0].toUpperCase() + word.slice(1);
    })
    .join('');
}
