import { KINDS } from '../../model';
import type { DataSource } from '../../plugin/framework';
import type { ProviderRuntime } from '../runtime';
import { lookupByName } from './lookup-by-name';

/** A data source for every kind that is looked up by name. */
export function dataSources(runtime: ProviderRuntime): DataSource[] {
  return KINDS.filter((kind) => kind.lookup).map((kind) => lookupByName(runtime, kind));
}
