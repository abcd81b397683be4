import { type CollectionSpec, isObjectKey, kindWithArticle } from '../model';
import { SpsClientError } from './errors';

/** URL paths of collections and objects: every path is under /api/, with no version prefix. */

export function collectionPath(collection: CollectionSpec): string {
  return collection.path;
}

/**
 * The path of one object. Only keys of the appliance's shapes are sent (and percent-encoded all the
 * same): a key such as "" or ".." would address the collection or another endpoint instead.
 * A singleton's object is at its own path.
 */
export function objectPath(collection: CollectionSpec, key: string): string {
  if (collection.singleton) return collection.path;
  if (!isObjectKey(key)) throw new SpsClientError(`${JSON.stringify(key.slice(0, 80))} is not a valid key for ${kindWithArticle(collection.kind)}`);
  return `${collectionPath(collection)}/${encodeURIComponent(key)}`;
}
