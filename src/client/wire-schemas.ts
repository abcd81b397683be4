import * as z from 'zod';
import type { FieldIssue } from '../model';

/**
 * The envelopes of SPS REST responses (the SPS REST API Reference Guide). Object bodies inside them
 * are parsed separately with the shared model schemas; these only check the wrapping. Envelopes
 * are `loose` because the appliance may add meta fields in later versions.
 */

const meta = z.looseObject({ href: z.string().optional() });

export const errorResponse = z.looseObject({
  error: z.looseObject({
    type: z.string(),
    message: z.string().optional(),
    details: z.unknown().optional(),
  }),
  meta: z.unknown().optional(),
});
export type ErrorResponse = z.infer<typeof errorResponse>;

export const listResponse = z.looseObject({
  items: z.array(z.looseObject({ key: z.string(), meta: meta.optional() })),
  meta: meta.optional(),
});

export const objectResponse = z.looseObject({
  key: z.string(),
  body: z.record(z.string(), z.unknown()),
  meta: meta.optional(),
});

/** 201 to a POST: the new key; API clients also carry client_id/client_secret (at top level or in `body`). */
export const createResponse = z.looseObject({
  key: z.string(),
  body: z.record(z.string(), z.unknown()).optional(),
  meta: meta.optional(),
});

const transactionBody = z.looseObject({
  status: z.enum(['open', 'closed']),
  // Newer guides: "optional" or "required" (whether a commit needs a message); older ones: absent.
  commit_message: z.string().nullish(),
});
const transactionMeta = z.looseObject({ remaining_seconds: z.number().nullish(), changes: z.unknown().optional() }).optional();

/**
 * `GET /api/transaction` in either shape the reference guides show: newer firmware answers
 * `{"key": "transaction", "body": {"status", "commit_message"}, "meta": {…}}`, the 5.x/6.x guides
 * `{"transaction": {"status": …}}`. Both come out as the newer shape.
 */
export const transactionResponse = z.union([
  z.looseObject({ body: transactionBody, meta: transactionMeta }),
  z.looseObject({ transaction: transactionBody, meta: transactionMeta }).transform(({ transaction, meta }) => ({ body: transaction, meta })),
]);
export type TransactionResponse = z.infer<typeof transactionResponse>;

export const transactionChange = z.looseObject({
  type: z.enum(['create', 'replace', 'delete', 'reorder']),
  path: z.string(),
  old_value: z.unknown().optional(),
  new_value: z.unknown().optional(),
});
export type TransactionChange = z.infer<typeof transactionChange>;

/** The changes list; accepted under `changes` or `items`, as the reference does not pin it down. */
export const transactionChangesResponse = z.union([
  z.looseObject({ changes: z.array(transactionChange) }).transform((r) => r.changes),
  z.looseObject({ items: z.array(transactionChange) }).transform((r) => r.items),
  z.looseObject({ body: z.looseObject({ changes: z.array(transactionChange) }) }).transform((r) => r.body.changes),
]);

/** OAuth client-credentials answer (RFC 6749 §5.1). */
export const tokenResponse = z.looseObject({
  access_token: z.string().min(1),
  token_type: z.string().optional(),
  expires_in: z.number().optional(),
});

/** "network.ports[0]" → ["network", "ports", 0]. */
export function parseFieldPath(text: string): Array<string | number> {
  const steps: Array<string | number> = [];
  for (const match of text.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) {
    if (match[2] !== undefined) steps.push(Number(match[2]));
    else if (match[1] !== undefined) steps.push(/^\d+$/.test(match[1]) ? Number(match[1]) : match[1]);
  }
  return steps;
}

const issueLike = z.looseObject({
  path: z.union([z.string(), z.array(z.union([z.string(), z.number()]))]).optional(),
  field: z.string().optional(),
  message: z.string().optional(),
});

function toIssue(entry: z.infer<typeof issueLike>): FieldIssue | undefined {
  const rawPath = entry.path ?? entry.field;
  if (rawPath === undefined) return undefined;
  const path = typeof rawPath === 'string' ? parseFieldPath(rawPath) : rawPath;
  return { path, message: entry.message ?? 'is invalid' };
}

/**
 * Field paths from an error's `details`. The reference only says details "name each offending
 * field path", so the common shapes are accepted: a list of `{path|field, message}` (bare or under
 * `fields`/`issues`/`errors`), or a map from path to message.
 */
export function fieldIssuesFromDetails(details: unknown): FieldIssue[] {
  if (details === null || details === undefined || typeof details !== 'object') return [];
  const list = Array.isArray(details)
    ? details
    : (['fields', 'issues', 'errors'] as const)
        .map((name) => (details as Record<string, unknown>)[name])
        .find((value) => Array.isArray(value)) ?? undefined;
  if (Array.isArray(list)) {
    return list.flatMap((entry) => {
      const parsed = issueLike.safeParse(entry);
      const issue = parsed.success ? toIssue(parsed.data) : undefined;
      return issue ? [issue] : [];
    });
  }
  const issues: FieldIssue[] = [];
  for (const [path, message] of Object.entries(details as Record<string, unknown>)) {
    if (typeof message === 'string' && /[a-z_]/i.test(path) && !['holder', 'user', 'locked_by', 'username'].includes(path)) {
      issues.push({ path: parseFieldPath(path), message });
    }
  }
  return issues;
}
