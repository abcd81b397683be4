/**
 * Run-time checks of props and options: TypeScript's excess-property check only helps apps that
 * are type-checked, and a misspelt optional prop that is silently dropped can change meaning (a
 * user list that should deny root allowing everybody). So every construct and helper checks that
 * it knows each key it is given and that it got every key it needs, and says what it expected.
 */
import type { IConstruct } from 'constructs';
import { OptionsError, ValidationError } from './errors';

/** Which keys an object may have: `true` for required ones. */
export type KeySpec = Readonly<Record<string, boolean>>;

/** Problems with `value`'s keys, as sentences naming the key and (for a misspelling) the closest known one. */
export function keyProblems(what: string, value: unknown, spec: KeySpec): string[] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return [`${what} must be an object, got ${describe(value)}`];
  const known = Object.keys(spec);
  const problems: string[] = [];
  for (const key of Object.keys(value)) {
    if (key in spec) continue;
    const closest = closestName(key, known);
    problems.push(`${what} has an unknown property \`${key}\`${closest ? ` (did you mean \`${closest}\`?)` : ''}; known: ${known.map((k) => `\`${k}\``).join(', ')}`);
  }
  for (const [key, required] of Object.entries(spec)) {
    if (required && (value as Record<string, unknown>)[key] === undefined) problems.push(`${what} is missing the required property \`${key}\``);
  }
  return problems;
}

/**
 * Throws when a helper's `options` have unknown keys or lack required ones: an OptionsError
 * "`method`: …", or, for a factory method about to create construct `at.id` under `at.scope`, a
 * ValidationError "invalid `method`: …" (with that construct's path).
 */
export function checkOptions(method: string, options: unknown, spec: KeySpec, at?: { scope: IConstruct; id: string }): void {
  const problems = keyProblems('the options', options, spec);
  if (problems.length === 0) return;
  if (at) throw new ValidationError(`invalid ${method}: ${problems.join('; ')}`, at.scope, at.id);
  throw new OptionsError(`${method}: ${problems.join('; ')}`);
}

/** The known name closest to `name` by edit distance, if it is close enough to be a misspelling. */
function closestName(name: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of known) {
    const distance = editDistance(name.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) [best, bestDistance] = [candidate, distance];
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(best.length / 3)) ? best : undefined;
}

/** Damerau–Levenshtein (optimal string alignment): transposed letters count as one edit. */
function editDistance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) rows[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      rows[i][j] = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) rows[i][j] = Math.min(rows[i][j], rows[i - 2][j - 2] + 1);
    }
  }
  return rows[a.length][b.length];
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return `an object (${value.constructor?.name ?? 'Object'})`;
  return `${typeof value} ${JSON.stringify(value)}`;
}
