import { formatFieldPath } from '../model';
import { type FieldDifference, LostUpdateError } from './errors';

/**
 * Lost-update protection: before an update or delete, the object on the appliance is compared
 * with the state Terraform planned from. Both sides go through the same model schema first, so
 * only real changes count (defaults, embedded references and field order do not).
 */

/** JSON with object keys sorted, so that equal values have equal text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value as Record<string, unknown>)
        .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
        .sort()
        .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}

/** Every leaf where `actual` differs from `expected`, with its JSON path. */
export function diffValues(expected: unknown, actual: unknown, path: Array<string | number> = []): FieldDifference[] {
  if (canonicalJson(expected) === canonicalJson(actual)) return [];
  const bothObjects =
    expected !== null && actual !== null && typeof expected === 'object' && typeof actual === 'object' && Array.isArray(expected) === Array.isArray(actual);
  if (!bothObjects || Array.isArray(expected)) return [{ path, expected, actual }];
  const keys = new Set([...Object.keys(expected as object), ...Object.keys(actual as object)]);
  return [...keys].sort().flatMap((key) => diffValues((expected as Record<string, unknown>)[key], (actual as Record<string, unknown>)[key], [...path, key]));
}

function show(value: unknown): string {
  return value === undefined ? '(absent)' : JSON.stringify(value);
}

export function lostUpdateError(kind: string, key: string, differences: FieldDifference[] | 'deleted', operation: 'update' | 'delete'): LostUpdateError {
  if (differences === 'deleted') {
    return new LostUpdateError(
      kind,
      key,
      [],
      true,
      `the ${kind} with key ${key} was deleted on the appliance after the plan was made (someone else changed the configuration); ` +
        `refusing to ${operation} it. Run terraform plan again to see the current state.`,
    );
  }
  const listed = differences
    .slice(0, 10)
    .map((d) => `${d.path.length ? formatFieldPath(d.path) : '(body)'}: planned from ${show(d.expected)}, now ${show(d.actual)}`)
    .join('; ');
  const more = differences.length > 10 ? `; and ${differences.length - 10} more` : '';
  return new LostUpdateError(
    kind,
    key,
    differences,
    false,
    `the ${kind} with key ${key} was modified on the appliance after the plan was made (someone else changed it: ${listed}${more}); ` +
      `refusing to ${operation} it and overwrite their change. Run terraform plan again to review both changes.`,
  );
}
