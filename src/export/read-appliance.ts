import { type ApplianceClient, DEFAULT_CONNECTIONS } from '../client';
import { collectionByPath, isBuiltinKey, isObjectKey, type ReferenceSite } from '../model';
import type { ExportedKind } from './kinds';
import type { Selection } from './select';

/** An object to export, as the appliance stores it (body parsed with the shared model). */
export interface ReadObject {
  readonly kind: ExportedKind;
  readonly key: string;
  readonly body: Readonly<Record<string, unknown>>;
  readonly name: string;
}

/** What a reference target turned out to be. */
export type TargetInfo =
  | { readonly found: true; readonly name: string }
  | { readonly found: false; readonly reason: string };

export interface ApplianceSnapshot {
  readonly objects: readonly ReadObject[];
  /** Every object of the read kinds, exported or not (for references to objects left out). */
  readonly leftOut: ReadonlyMap<string, ReadObject>;
  /** Referenced objects of kinds the provider only reads, by `collection/key`. */
  readonly targets: ReadonlyMap<string, TargetInfo>;
  /** Objects read from the appliance (exported ones, left-out ones, referenced ones). */
  readonly objectsRead: number;
  /** Collections listed. */
  readonly kindsListed: number;
}

export interface ReadOptions {
  readonly selection: Selection;
  readonly onProgress?: (done: number, total: number) => void;
  /** An object skipped: its list entry has no valid key, or the model cannot read it (a newer firmware's value). */
  readonly onSkipped?: (warning: string) => void;
}

export const targetId = (collection: string, key: string) => `${collection}/${key}`;

/**
 * Reads what the export needs, and nothing more: one list per kind, one GET per object (the
 * appliance lists keys only), then one GET per distinct referenced object, for its name.
 * Built-ins (negative keys) are skipped: they cannot be managed. So is one odd object, with a
 * warning, rather than the whole export: a list entry whose key is not a key (never made into a
 * request path), or an object the model cannot read (a newer firmware's value).
 */
export async function readAppliance(client: ApplianceClient, options: ReadOptions): Promise<ApplianceSnapshot> {
  // As many requests in flight as the client's keep-alive pool has connections (sps-export keeps the default).
  const concurrency = DEFAULT_CONNECTIONS;
  const { selection } = options;
  const skipped = (warning: string) => options.onSkipped?.(warning);
  const lists = await Promise.all(
    selection.kinds.map(async (kind) => {
      const keys = (await client.list(kind.spec)).filter((key) => !isBuiltinKey(key));
      for (const key of keys.filter((k) => !isObjectKey(k))) skipped(`skipped a ${kind.spec.kind} listed with ${shown(key)}, which is not a valid key: it was not read`);
      return { kind, keys: keys.filter(isObjectKey) };
    }),
  );
  const wanted = lists.flatMap(({ kind, keys }) => keys.map((key) => ({ kind, key })));

  let done = 0;
  const read = await inPool(wanted, concurrency, async ({ kind, key }) => {
    const object = await client.getLenient(kind.spec, key);
    options.onProgress?.(++done, wanted.length);
    // Deleted between the list and the GET: nothing to adopt.
    if (!object) return undefined;
    const name = typeof object.raw.name === 'string' ? object.raw.name : object.key;
    if (object.body === undefined) {
      if (selection.includes(kind, name)) {
        skipped(`skipped ${kind.spec.kind} ${shown(name)} (key ${object.key}): it does not match what sps-export understands (a newer firmware?): ${object.problem}`);
      }
      return undefined;
    }
    return { kind, key: object.key, body: object.body as Record<string, unknown>, name } satisfies ReadObject;
  });
  const all = read.filter((object): object is ReadObject => object !== undefined);
  const objects = all.filter((object) => selection.includes(object.kind, object.name));
  const exported = new Set(objects);
  const leftOut = new Map(all.filter((object) => !exported.has(object)).map((object) => [targetId(object.kind.spec.path, object.key), object]));

  // Every other referenced object (policies, groups, built-ins, kinds left out): read once, for its name.
  const readAlready = new Set(all.map((object) => targetId(object.kind.spec.path, object.key)));
  const sites = new Map<string, ReferenceSite>();
  for (const object of objects) {
    for (const site of referencesOf(object)) {
      const id = targetId(site.collection, site.key);
      if (!readAlready.has(id)) sites.set(id, site);
    }
  }
  const targets = new Map<string, TargetInfo>();
  await inPool([...sites.values()], concurrency, async (site) => {
    targets.set(targetId(site.collection, site.key), await readTarget(client, site));
  });
  return { objects, leftOut, targets, objectsRead: wanted.length + sites.size, kindsListed: lists.length };
}

export function referencesOf(object: ReadObject): ReferenceSite[] {
  return object.kind.spec.references(object.body);
}

async function readTarget(client: ApplianceClient, site: ReferenceSite): Promise<TargetInfo> {
  if (!isObjectKey(site.key)) return { found: false, reason: 'it is not a valid key' };
  const collection = collectionByPath(site.collection);
  if (!collection) return { found: false, reason: 'the provider does not know that kind of object' };
  // Only its name is needed: the rest of it may be a newer firmware's.
  const object = await client.getLenient(collection, site.key);
  if (!object) return { found: false, reason: 'the appliance has no such object' };
  const name = object.raw.name;
  return typeof name === 'string' && name !== '' ? { found: true, name } : { found: false, reason: 'it has no name to look it up by' };
}

/** Appliance text in a warning: quoted, control characters escaped, cut to 80 characters. */
function shown(text: string): string {
  return JSON.stringify(text.length > 80 ? `${text.slice(0, 80)}…` : text);
}

/** Maps `items` with at most `limit` calls in flight, keeping the order. */
async function inPool<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
