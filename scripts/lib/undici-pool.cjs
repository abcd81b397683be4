// What the provider uses of undici (src/client/http-transport.ts: `Pool`, `EnvHttpProxyAgent` for
// HTTPS_PROXY/NO_PROXY, and their `dispatch`), without undici's index, which loads fetch, WebSocket,
// cookies, mocks and caches too. The bundles (scripts/bundle-provider.mjs, scripts/release.mjs)
// resolve `undici` to this file. Loaded on the first `new Pool` or `new EnvHttpProxyAgent`
// (ConfigureProvider), not when the client module is evaluated: validation-only provider
// processes never pay for it.
'use strict';
let prepared = false;

function prepare() {
  if (prepared) return;
  prepared = true;
  // undici parses HTTP with llhttp compiled to WebAssembly, which V8 then re-compiles with
  // TurboFan on background threads, and process exit waits for those jobs: about 100 ms after
  // Terraform's Shutdown in every provider process that talked to the appliance (TF_LOG=trace:
  // "logged out" → "plugin process exited"). Baseline (Liftoff) code is fast enough for llhttp
  // here and needs no background compilation. Only undici uses WebAssembly in this process.
  // (Under Bun, the standalone executable, this does nothing: JavaScriptCore has no such jobs.)
  require('node:v8').setFlagsFromString('--liftoff-only');
  const Dispatcher = require('undici/lib/dispatcher/dispatcher');
  // As undici's index does: a proxy's tunnel is opened with the connect API of the dispatcher.
  Dispatcher.prototype.connect = require('undici/lib/api/api-connect');
}

module.exports = {
  // Literal requires, so that esbuild bundles them.
  get Pool() {
    prepare();
    return require('undici/lib/dispatcher/pool');
  },
  get EnvHttpProxyAgent() {
    prepare();
    return require('undici/lib/dispatcher/env-http-proxy-agent');
  },
};
