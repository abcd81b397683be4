#!/usr/bin/env node
/**
 * terraform-provider-sps: started by Terraform three times per plan. Only the transport is parsed
 * before the handshake line; the rest (see provider-runtime.ts) is compiled on the first RPC.
 */
import { serve } from '../plugin/server';
import type { ProviderHandlers, RpcHandler } from '../plugin/server/handlers';

type Runtime = typeof import('./provider-runtime');

/** Set by scripts/bundle-provider.mjs to the bundled source of provider-runtime.ts. */
declare const __SPS_PROVIDER_RUNTIME_SOURCE__: string | undefined;

let runtimeModule: Runtime | undefined;
let runtime: ReturnType<Runtime['createRuntime']> | undefined;

function loadRuntimeModule(): Runtime {
  if (runtimeModule) return runtimeModule;
  if (typeof __SPS_PROVIDER_RUNTIME_SOURCE__ === 'string') {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const vm = require('node:vm') as typeof import('node:vm');
    const wrapper = vm.runInThisContext(`(function (exports, require, module) {${__SPS_PROVIDER_RUNTIME_SOURCE__}\n})`, {
      filename: 'sps-provider-runtime.js',
    });
    const module = { exports: {} as Runtime };
    wrapper(module.exports, require, module);
    runtimeModule = module.exports;
  } else {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    runtimeModule = require('./provider-runtime') as Runtime;
  }
  return runtimeModule;
}

function loadRuntime() {
  runtime ??= loadRuntimeModule().createRuntime();
  return runtime;
}

const lazyHandlers: ProviderHandlers = new Proxy({} as ProviderHandlers, {
  get: (_target, rpc): RpcHandler | undefined =>
    typeof rpc !== 'string' || rpc === 'then'
      ? undefined
      : (request, context) => {
          const handler = loadRuntime().handlers[rpc];
          return handler ? handler(request, context) : Promise.resolve({});
        },
});

void serve(lazyHandlers, {
  loadMessages: () => loadRuntimeModule().messages,
  onShutdown: async () => (runtime ? runtime.shutdown() : undefined),
});
