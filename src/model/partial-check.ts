import type * as z from 'zod';
import { type FieldIssue, type FieldPath, fieldIssues } from './issues';

/**
 * Checking a body before every value in it is known: at plan time Terraform leaves values unknown
 * (a reference to an object not created yet), at synth time CDK tokens stand for them. Checks that
 * depend on such a value are left for later; everything else is checked now, with field paths.
 * The provider (plan time) and the constructs (synth time) both use this, so a rule is enforced
 * the same way at both points.
 */

/** Stands for a value that is not known yet. */
export const NOT_KNOWN_YET: unique symbol = Symbol.for('sps-iac/not-known-yet');

/** A body as configured: JSON, with `undefined`/`null` for fields left out and NOT_KNOWN_YET for values not known yet. */
export type PartialBody = undefined | null | boolean | number | string | typeof NOT_KNOWN_YET | PartialBody[] | { readonly [field: string]: PartialBody };

export interface ModelCheck<Body> {
  /** The body as the appliance will store it (defaults filled in), without the values not known yet; absent when invalid. */
  readonly body?: Body;
  /** Problems with their field paths; problems at or below values not known yet are left out. */
  readonly issues: FieldIssue[];
  /** True when some value is not known yet, so `body` cannot be complete. */
  readonly hasUnknowns: boolean;
}

/** Validates a partial body against a model schema (use the strict schema: misplaced fields are errors). */
export function checkPartialBody<Body>(schema: z.ZodType<Body>, value: PartialBody): ModelCheck<Body> {
  const unknownPaths: FieldPath[] = [];
  const candidate = withoutUnknowns(value, [], unknownPaths) ?? {};
  const result = schema.safeParse(candidate);
  const hasUnknowns = unknownPaths.length > 0;
  if (result.success) return { body: result.data, issues: [], hasUnknowns };
  const issues = fieldIssues(result.error).filter((issue) => !unknownPaths.some((path) => isUnder(issue.path, path)));
  return { issues, hasUnknowns };
}

/** True when `path` is `prefix` or lies below it. */
function isUnder(path: FieldPath, prefix: FieldPath): boolean {
  return prefix.length <= path.length && prefix.every((step, i) => step === path[i]);
}

/** JSON for the schema: fields left out and values not known yet are omitted (their paths recorded). */
function withoutUnknowns(value: PartialBody, path: Array<string | number>, unknownPaths: FieldPath[]): unknown {
  if (value === undefined || value === null) return undefined;
  if (value === NOT_KNOWN_YET) {
    unknownPaths.push(path);
    return undefined;
  }
  if (Array.isArray(value)) return value.map((item, index) => withoutUnknowns(item, [...path, index], unknownPaths) ?? null);
  if (typeof value === 'object') {
    const body: Record<string, unknown> = {};
    for (const [field, item] of Object.entries(value)) {
      const converted = withoutUnknowns(item, [...path, field], unknownPaths);
      if (converted !== undefined) body[field] = converted;
    }
    return body;
  }
  return value;
}
