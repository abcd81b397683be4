import type { CollectionSpec } from '../model';
import { SpsClientError } from './errors';

/** URL paths of collections and objects: every path is under /api/, with no version prefix. */

export function collectionPath(collection: CollectionSpec): string {
  return collection.path.replace(/\/+$/, '');
}

export function objectPath(collection: CollectionSpec, key: string): string {
  // An empty key would address the collection itself: a PUT or DELETE there is never meant.
  if (key.length === 0) throw new SpsClientError('an object key must not be empty');
  return `${collectionPath(collection)}/${encodeURIComponent(key)}`;
}
