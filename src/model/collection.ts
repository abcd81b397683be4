import { z } from 'zod';

/**
 * How one appliance collection (a REST list endpoint and its objects) is described. The simulator,
 * the appliance client, the provider and the constructs all read these specs, so that each rule
 * about an object is written once.
 */
export interface CollectionSpec<Body = unknown> {
  /** Kind name used in messages, e.g. "user list". */
  readonly kind: string;
  /** Collection URL path without trailing slash, e.g. "/api/configuration/policies/userlists". */
  readonly path: string;
  /**
   * Validates a request body (the bare object that is POSTed or PUT). Unknown keys are stripped,
   * as the appliance ignores them; every rule of the vendor reference is enforced here.
   */
  readonly schema: z.ZodType<Body>;
  /** Body fields the appliance sets itself (e.g. an API client's client_id); ignored in requests. */
  readonly readOnlyFields?: readonly string[];
  /** Lists every reference to another object in a valid body, with where it sits. */
  references(body: Body): ReferenceSite[];
  /** Built-in objects (negative keys): present from the start, read-only. */
  readonly builtins: ReadonlyArray<{ readonly key: string; readonly body: Body }>;
}

/** One reference inside a body: the JSON path to the field holding the key, and the target. */
export interface ReferenceSite {
  readonly path: ReadonlyArray<string | number>;
  /** Collection path of the referenced object. */
  readonly collection: string;
  readonly key: string;
}

/**
 * A reference as it appears in the appliance's JSON: requests carry the bare key, responses embed
 * `{"key": …, "meta": {"href": …}}`. This schema accepts both and yields the bare key.
 */
export function reference(targetKind: string) {
  return z.preprocess(
    (value) =>
      value !== null && typeof value === 'object' && 'key' in (value as Record<string, unknown>)
        ? (value as Record<string, unknown>).key
        : value,
    z.string({ error: `must be the key of a ${targetKind}` }).min(1, `must be the key of a ${targetKind}`),
  );
}

/** Embeds reference sites into a body for a response (bare key → `{key, meta.href}`). */
export function embedReferences<T>(body: T, sites: ReferenceSite[]): T {
  const copy = structuredClone(body) as unknown;
  for (const site of sites) {
    let parent = copy as Record<string | number, unknown>;
    for (const step of site.path.slice(0, -1)) parent = parent[step] as Record<string | number, unknown>;
    parent[site.path[site.path.length - 1]] = { key: site.key, meta: { href: `${site.collection}/${site.key}` } };
  }
  return copy as T;
}
