import { type ApplianceClient, ApplianceError, DEFAULT_CONNECTIONS } from '../client';
import { collectionByPath, isBuiltinKey, isObjectKey, kindWithArticle, type ReferenceSite } from '../model';
import type { ExportedKind, GenericCollection } from './kinds';
import type { Selection } from './select';

/** An object to export, as the appliance stores it (body parsed with the shared model). */
export interface ReadObject {
  readonly kind: ExportedKind;
  readonly key: string;
  readonly body: Readonly<Record<string, unknown>>;
  readonly name: string;
}

/** An object without a typed resource (--generic), as the appliance returns it: every field, unvalidated. */
export interface GenericObject {
  readonly collection: GenericCollection;
  /** The key; for a singleton, its path's last segment. */
  readonly key: string;
  readonly body: Readonly<Record<string, unknown>>;
  /** Its `name` field; for a singleton (or an object without one), the collection's name (its key). */
  readonly name: string;
}

/** What a reference target turned out to be. */
export type TargetInfo =
  | { readonly found: true; readonly name: string }
  | { readonly found: false; readonly reason: string };

export interface ApplianceSnapshot {
  readonly objects: readonly ReadObject[];
  /** With --generic: the selected objects of the collections without a typed resource. */
  readonly generic: readonly GenericObject[];
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
  /** Anything else worth a warning: a collection of --generic that this appliance does not have. */
  readonly onWarning?: (warning: string) => void;
}

export const targetId = (collection: string, key: string) => `${collection}/${key}`;

/**
 * Reads what the export needs, and nothing more: one list per kind, one GET per object (the
 * appliance lists keys only), then one GET per distinct referenced object, for its name.
 * Built-ins (negative keys) are skipped: they cannot be managed. So is one odd object, with a
 * warning, rather than the whole export: a list entry whose key is not a key (never made into a
 * request path), or an object the model cannot read (a newer firmware's value). With --generic,
 * the collections without a typed resource are read the same way, whole; one that the appliance
 * does not have (404: an older firmware) is left out with a warning.
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
  const genericLists = await Promise.all(selection.generic.map((collection) => listGeneric(client, collection, skipped, options.onWarning)));
  const wanted = lists.flatMap(({ kind, keys }) => keys.map((key) => ({ kind, key })));
  const genericWanted = genericLists.flatMap(({ collection, keys }) => keys.map((key) => ({ collection, key })));
  const total = wanted.length + genericWanted.length;

  let done = 0;
  const read = await inPool(wanted, concurrency, async ({ kind, key }) => {
    const object = await client.getLenient(kind.spec, key);
    options.onProgress?.(++done, total);
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
  const genericRead = await inPool(genericWanted, concurrency, async ({ collection, key }) => {
    const object = await client.getLenient(collection.spec, key);
    options.onProgress?.(++done, total);
    if (!object) {
      if (collection.singleton) options.onWarning?.(`left out ${collection.path}: the appliance has no such object (404; an older firmware?)`);
      return undefined;
    }
    const name = collection.singleton ? collection.name : typeof object.raw.name === 'string' && object.raw.name !== '' ? object.raw.name : object.key;
    return { collection, key: object.key, body: object.raw, name } satisfies GenericObject;
  });
  const genericAll = genericRead.filter((object): object is GenericObject => object !== undefined);
  const generic = genericAll.filter((object) => selection.includes(object.collection, object.name));
  const objects = all.filter((object) => selection.includes(object.kind, object.name));
  const exported = new Set(objects);
  const leftOut = new Map(all.filter((object) => !exported.has(object)).map((object) => [targetId(object.kind.spec.path, object.key), object]));

  // Every other referenced object (policies, groups, built-ins, kinds left out): read once, for its name.
  const readAlready = new Set(all.map((object) => targetId(object.kind.spec.path, object.key)));
  const exportedGeneric = new Set(generic.map((object) => targetId(object.collection.path, object.key)));
  // Objects --generic read but --select left out: their names are known, so they are looked up without another request.
  const knownNames = new Map(genericAll.filter((object) => !exportedGeneric.has(targetId(object.collection.path, object.key))).map((object) => [targetId(object.collection.path, object.key), object.name]));
  const sites = new Map<string, ReferenceSite>();
  const targets = new Map<string, TargetInfo>();
  for (const object of objects) {
    for (const site of referencesOf(object)) {
      const id = targetId(site.collection, site.key);
      const name = knownNames.get(id);
      if (name !== undefined) targets.set(id, { found: true, name });
      else if (!readAlready.has(id) && !exportedGeneric.has(id)) sites.set(id, site);
    }
  }
  await inPool([...sites.values()], concurrency, async (site) => {
    targets.set(targetId(site.collection, site.key), await readTarget(client, site));
  });
  return { objects, generic, leftOut, targets, objectsRead: total + sites.size, kindsListed: lists.length + genericLists.filter((list) => list.listed).length };
}

/**
 * The keys of a collection without a typed resource, built-ins and invalid keys left out (as for
 * the typed kinds); a singleton has its one. A collection the appliance does not have (404) has none.
 */
async function listGeneric(client: ApplianceClient, collection: GenericCollection, skipped: (warning: string) => void, warn?: (warning: string) => void): Promise<{ collection: GenericCollection; keys: string[]; listed: boolean }> {
  if (collection.singleton) return { collection, keys: [collection.path.slice(collection.path.lastIndexOf('/') + 1)], listed: false };
  let keys: string[];
  try {
    keys = (await client.list(collection.spec)).filter((key) => !isBuiltinKey(key));
  } catch (error) {
    if (!(error instanceof ApplianceError && error.status === 404)) throw error;
    warn?.(`left out the ${collection.plural} (${collection.path}): the appliance has no such collection (404; an older firmware?)`);
    return { collection, keys: [], listed: true };
  }
  for (const key of keys.filter((k) => !isObjectKey(k))) skipped(`skipped ${kindWithArticle(collection.kind)} listed with ${shown(key)}, which is not a valid key: it was not read`);
  return { collection, keys: keys.filter(isObjectKey), listed: true };
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
