import type * as z from 'zod';

/** The JSON path of a field: object keys and array indexes. */
export type FieldPath = ReadonlyArray<string | number>;

/** A validation problem with the JSON path of the offending field, as every layer reports it. */
export interface FieldIssue {
  readonly path: FieldPath;
  readonly message: string;
}

/** "network.ports[0]" — the notation used in simulator details, provider and construct errors. */
export function formatFieldPath(path: ReadonlyArray<string | number | symbol>): string {
  return path
    .map((step, i) => (typeof step === 'number' ? `[${step}]` : i === 0 ? String(step) : `.${String(step)}`))
    .join('');
}

/** Flattens a zod error into field issues, naming unknown keys individually. */
export function fieldIssues(error: z.ZodError): FieldIssue[] {
  const issues: FieldIssue[] = [];
  for (const issue of error.issues) {
    const path = issue.path.filter((step): step is string | number => typeof step !== 'symbol');
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) issues.push({ path: [...path, key], message: 'is not a field here (the appliance would ignore it)' });
    } else {
      issues.push({ path, message: issue.message });
    }
  }
  return issues;
}

/** Formats issues as "kind: field: message" lines for errors at every layer. */
export function describeIssues(issues: readonly FieldIssue[]): string {
  return issues.map((i) => `${i.path.length ? formatFieldPath(i.path) : '(body)'}: ${i.message}`).join('; ');
}
