/**
 * Everything the provider needs after the handshake: the protocol messages and the provider
 * (zod, undici, the model). The executable embeds this module as source and compiles it on the
 * first RPC, so start-up only parses the transport.
 */
import { providerHandlers } from '../plugin/framework/provider-server';
import { createProvider } from '../provider/provider';

// eslint-disable-next-line @typescript-eslint/no-require-imports
export const messages = require('../plugin/proto/generated/messages');

export function createRuntime() {
  const provider = createProvider();
  return { handlers: providerHandlers(provider), shutdown: async () => provider.shutdown?.() };
}
