import { randomBytes } from 'node:crypto';
import { type CollectionSpec, collectionByPath, collections, describeIssues, fieldIssues, formatFieldPath, isBuiltinKey, type Kind, SINGLETON_ENDPOINTS } from '../model';
import { ApiError, invalid, notFound } from './errors';
import { mergeFields } from './extra-fields';

/** Stored objects: collection path → key → body (read-only fields included). */
export type Configuration = Map<string, Map<string, Record<string, unknown>>>;

export interface Change {
  type: 'create' | 'replace' | 'delete';
  path: string;
  old_value?: unknown;
  new_value?: unknown;
}

/** What the appliance holds that no response shows (an API client's secret). */
export interface Secrets {
  apiClientSecrets: Map<string, string>;
}

/** The accounting settings (a single object): whether every commit needs a message. */
export const ACCOUNTING_PATH = '/api/configuration/management/accounting';
const ACCOUNTING_KEY = 'accounting';

export function accountingOf(config: Configuration): { require_commitlog: boolean } {
  return { require_commitlog: config.get(ACCOUNTING_PATH)?.get(ACCOUNTING_KEY)?.require_commitlog === true };
}

export function setAccounting(config: Configuration, body: { require_commitlog: boolean }): Record<string, unknown> | undefined {
  const old = config.get(ACCOUNTING_PATH)?.get(ACCOUNTING_KEY);
  config.set(ACCOUNTING_PATH, new Map([[ACCOUNTING_KEY, { ...body }]]));
  return old;
}

/**
 * Options endpoints that are one object (GET and PUT only, no key in the path), unmodelled: any
 * JSON object is kept as sent. Their defaults are the SPS REST API Reference Guide's samples
 * (6.0: "List of options that affect all SSH connections").
 */
export const SINGLETONS: Readonly<Record<string, { readonly key: string; readonly defaults: Record<string, unknown> }>> = {
  [SINGLETON_ENDPOINTS.sshOptions.path]: {
    key: 'options',
    defaults: {
      audit: { cleanup: { channel_database_cleanup_days: 600, enabled: true }, timestamping: { selection: 'local', signing_interval: 30 } },
      gssapi: { enabled: false },
      service: { enabled: true, log_level: 4 },
    },
  },
};

export function initialConfiguration(): Configuration {
  const config: Configuration = new Map();
  for (const spec of collections) {
    config.set(spec.path, new Map(spec.builtins.map((b) => [b.key, structuredClone(b.body) as Record<string, unknown>])));
  }
  for (const [path, { key, defaults }] of Object.entries(SINGLETONS)) config.set(path, new Map([[key, structuredClone(defaults)]]));
  setAccounting(config, { require_commitlog: false });
  return config;
}

export function cloneConfiguration(config: Configuration): Configuration {
  return new Map([...config].map(([path, objects]) => [path, new Map([...objects].map(([k, v]) => [k, structuredClone(v)]))]));
}

/** Keys like the seed's ("20088200245706af301b1ba"): 23 hex digits. */
export function newKey(): string {
  return randomBytes(12).toString('hex').slice(0, 23);
}

/**
 * Validates a request body (unknown keys dropped, read-only fields ignored) and its references.
 * Kinds that are only looked up model just their name and description, so their other fields are
 * kept as sent (a choice, see the README), as `sps_object` manages them.
 */
export function validateBody(spec: CollectionSpec<unknown>, raw: unknown, view: Configuration): Record<string, unknown> {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw invalid('The request body must be a JSON object.');
  const input = { ...(raw as Record<string, unknown>) };
  for (const field of spec.readOnlyFields ?? []) delete input[field];
  const result = spec.schema.safeParse(input);
  if (!result.success) {
    const issues = fieldIssues(result.error);
    throw invalid(`Invalid ${spec.kind}: ${describeIssues(issues)}`, issues.map((i) => ({ path: formatFieldPath(i.path), message: i.message })));
  }
  const missing = spec
    .references(result.data)
    .filter((site) => !view.get(site.collection)?.has(site.key))
    .map((site) => ({ path: formatFieldPath(site.path), message: `refers to ${site.collection}/${site.key}, which does not exist` }));
  if (missing.length > 0) throw invalid(`Invalid ${spec.kind}: ${missing.map((m) => `${m.path}: ${m.message}`).join('; ')}`, missing);
  const body = result.data as Record<string, unknown>;
  return (spec as Partial<Kind>).managed === false ? mergeFields(input, body) : body;
}

/** Every reference in `view`: who holds it (collection path, key), where, and to what. */
function* referencesIn(view: Configuration) {
  for (const spec of collections) {
    for (const [key, body] of view.get(spec.path) ?? []) {
      const parsed = spec.schema.safeParse(body);
      if (!parsed.success) continue;
      for (const site of spec.references(parsed.data)) yield { holder: `${spec.path}/${key}`, field: formatFieldPath(site.path), site };
    }
  }
}

/** Who refers to `collection/key` in `view`, as "path (field)" strings. */
export function referrers(view: Configuration, collection: string, key: string): string[] {
  return [...referencesIn(view)].filter(({ site }) => site.collection === collection && site.key === key).map(({ holder, field }) => `${holder} (${field})`);
}

/** The whole configuration's referential integrity, re-checked at commit. */
export function integrityProblems(view: Configuration): string[] {
  return [...referencesIn(view)]
    .filter(({ site }) => !view.get(site.collection)?.has(site.key))
    .map(({ holder, field, site }) => `${holder} ${field} refers to missing ${site.collection}/${site.key}`);
}

export function requireSpec(path: string): CollectionSpec<unknown> {
  const spec = collectionByPath(path);
  if (!spec) throw notFound(path);
  return spec;
}

export function protectBuiltin(spec: CollectionSpec<unknown>, key: string): void {
  if (isBuiltinKey(key)) {
    throw new ApiError(403, 'Unauthorized', `The ${spec.kind} ${key} is a built-in default and cannot be modified or deleted.`, {
      path: `${spec.path}/${key}`,
    });
  }
}
