import { KINDS } from '../../model';
import type { Resource } from '../../plugin/framework';
import type { ProviderRuntime } from '../runtime';
import { apiClientExtension } from './api-client';
import { type KindExtension, KindResource } from './kind-resource';
import { SpsObjectResource } from './sps-object';

/** Behaviour kinds have of their own, by kind id; every other managed kind is its description alone. */
const EXTENSIONS: Readonly<Record<string, KindExtension>> = { api_client: apiClientExtension };

/** A resource for every managed kind, and `sps_object` for everything else. */
export function resources(runtime: ProviderRuntime): Resource[] {
  return [...KINDS.filter((kind) => kind.managed).map((kind) => new KindResource(runtime, kind, EXTENSIONS[kind.id])), new SpsObjectResource(runtime)];
}
