#!/usr/bin/env node
/**
 * terraform-provider-sps: started by Terraform, three times per plan. Only the transport loads
 * before the handshake; the provider (zod, undici, the model) loads on the first RPC that needs it.
 */
import { serve } from '../plugin/server';
import type { ProviderHandlers } from '../plugin/server/handlers';

let loaded: { handlers: ProviderHandlers; shutdown: () => Promise<void> } | undefined;

function provider() {
  if (!loaded) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { createProvider } = require('../provider/provider') as typeof import('../provider/provider');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { providerHandlers } = require('../plugin/framework/provider-server') as typeof import('../plugin/framework/provider-server');
    const definition = createProvider();
    loaded = { handlers: providerHandlers(definition), shutdown: async () => definition.shutdown?.() };
  }
  return loaded;
}

const lazyHandlers: ProviderHandlers = new Proxy({} as ProviderHandlers, {
  get: (_target, rpc) => typeof rpc !== 'string' || rpc === 'then' ? undefined : (request: unknown, context: Parameters<NonNullable<ProviderHandlers[string]>>[1]) => {
    const handler = provider().handlers[rpc];
    return handler ? handler(request, context) : Promise.resolve({});
  },
});

void serve(lazyHandlers, { onShutdown: async () => (loaded ? loaded.shutdown() : undefined) });
