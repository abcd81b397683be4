import type { ProviderServer } from '../server/protocol';

/** This provider defines no provider functions. */
export function getFunctions(): ProviderServer['GetFunctions'] {
  return async () => ({});
}
