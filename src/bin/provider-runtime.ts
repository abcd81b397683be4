/**
 * Everything the provider needs after the handshake: the protocol messages and the provider
 * (zod, undici, the model). The executable embeds this module as source and compiles it on the
 * first RPC, so start-up only parses the transport.
 */
import * as messages from '../plugin/proto/generated/messages';
import { proto6Server } from '../plugin/proto6server';
import type { ProtocolMessages, ProviderServer } from '../plugin/server/protocol';
import { createProvider } from '../provider/provider';

export const protocolMessages: ProtocolMessages = messages;

export function createRuntime(): { server: ProviderServer; shutdown(): Promise<void> } {
  const provider = createProvider();
  return { server: proto6Server(provider), shutdown: async () => provider.shutdown?.() };
}
