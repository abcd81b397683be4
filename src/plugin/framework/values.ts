import { BigNumberValue, type CtyValue, DynamicValueOf, Unknown } from '../cty/types';

/** Structural equality of cty values; an unknown equals nothing, because it may become anything. */
export function ctyEqual(a: CtyValue | undefined, b: CtyValue | undefined): boolean {
  if (a instanceof Unknown || b instanceof Unknown) return false;
  if (a === b) return true;
  if (a === null || b === null || a === undefined || b === undefined) return false;
  if (a instanceof BigNumberValue || b instanceof BigNumberValue) return String(a) === String(b);
  if (a instanceof DynamicValueOf || b instanceof DynamicValueOf) {
    return a instanceof DynamicValueOf && b instanceof DynamicValueOf && ctyEqual(a.value, b.value);
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, i) => ctyEqual(item, b[i]));
  }
  if (typeof a === 'object' && typeof b === 'object') {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const key of keys) if (!ctyEqual((a as Record<string, CtyValue>)[key] ?? null, (b as Record<string, CtyValue>)[key] ?? null)) return false;
    return true;
  }
  return false;
}
