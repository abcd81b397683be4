import * as z from 'zod';

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
  /**
   * The same rules, but a key the appliance would ignore is an error. The provider and the
   * constructs validate with this, because an ignored field is a silent misconfiguration.
   */
  readonly strictSchema: z.ZodType<Body>;
  /** Body fields the appliance sets itself (e.g. an API client's client_id); ignored in requests. */
  readonly readOnlyFields?: readonly string[];
  /** Lists every reference to another object in a valid body, with where it sits. */
  references(body: Body): ReferenceSite[];
  /** Built-in objects (negative keys): present from the start, read-only. */
  readonly builtins: ReadonlyArray<{ readonly key: string; readonly body: Body }>;
  /**
   * The path is one object, not a collection (e.g. `/api/configuration/ssh/options`, GET and PUT
   * only): the object's path is `path` itself, whatever key a call names.
   */
  readonly singleton?: boolean;
}

/** The kind as a message says it, with its article: "a user list", "an API client", "an HTTP connection policy". */
export function kindWithArticle(kind: string): string {
  return `${/^[aeiouAEIOU]|^HTTP|^API|^LDAP|^X\.509|^SSH|^RDP/.test(kind) && !/^user/.test(kind) ? 'an' : 'a'} ${kind}`;
}

/** One reference inside a body: the JSON path to the field holding the key, and the target. */
export interface ReferenceSite {
  readonly path: ReadonlyArray<string | number>;
  /** Collection path of the referenced object. */
  readonly collection: string;
  readonly key: string;
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

