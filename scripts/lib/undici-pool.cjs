// What the provider uses of undici (src/client/http-transport.ts: `Pool` and its `request`),
// without undici's index, which loads fetch, WebSocket, cookies, mocks and caches too. The bundles
// (scripts/bundle-provider.mjs, scripts/release.mjs) resolve `undici` to this file. Loaded on the
// first `new Pool` (ConfigureProvider), not when the client module is evaluated:
// - validation-only provider processes never pay for it;
// - the standalone executable evaluates the client into its V8 start-up snapshot, and undici
//   loads node:http and node:http2, whose native bindings cannot be serialized into a snapshot.
'use strict';
let loaded;

function load() {
  // undici parses HTTP with llhttp compiled to WebAssembly, which V8 then re-compiles with
  // TurboFan on background threads, and process exit waits for those jobs: about 100 ms after
  // Terraform's Shutdown in every provider process that talked to the appliance (TF_LOG=trace:
  // "logged out" → "plugin process exited"). Baseline (Liftoff) code is fast enough for llhttp
  // here and needs no background compilation. Only undici uses WebAssembly in this process.
  require('node:v8').setFlagsFromString('--liftoff-only');
  const Dispatcher = require('undici/lib/dispatcher/dispatcher');
  // As undici's index does: the request API lives on every dispatcher.
  Dispatcher.prototype.request = require('undici/lib/api/api-request');
  return require('undici/lib/dispatcher/pool');
}

module.exports = {
  get Pool() {
    return (loaded ??= load());
  },
};
