import { KINDS } from '../../model';
import type { Resource } from '../../plugin/framework';
import type { ProviderRuntime } from '../runtime';
import { apiClientExtension } from './api-client';
import { type KindExtension, KindResource } from './kind-resource';

/** Behaviour kinds have of their own, by kind id; every other managed kind is its description alone. */
const EXTENSIONS: Readonly<Record<string, KindExtension>> = { api_client: apiClientExtension };

/** A resource for every managed kind. */
export function resources(runtime: ProviderRuntime): Resource[] {
  return KINDS.filter((kind) => kind.managed).map((kind) => new KindResource(runtime, kind, EXTENSIONS[kind.id]));
}
