import type { ProviderServer } from '../server/protocol';

/** The transport aborts every call in flight on StopProvider; nothing else is left to do here. */
export function stopProvider(): ProviderServer['StopProvider'] {
  return async () => ({});
}
