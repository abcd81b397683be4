#!/usr/bin/env node
/**
 * terraform-provider-sps as a Node script: started by Terraform three times per plan. Only the
 * transport is parsed before the handshake line; the rest (see provider-runtime.ts) is compiled on
 * the first RPC. The standalone executable (provider-standalone.ts) is compiled by Bun instead.
 */
import { runProviderProcess, type RuntimeModule } from './provider-process';

/** Set by scripts/bundle-provider.mjs to the bundled source of provider-runtime.ts. */
declare const __SPS_PROVIDER_RUNTIME_SOURCE__: string | undefined;
/** Set by scripts/bundle-provider.mjs with the source: its SHA-256 (hex), so no start hashes the 1 MB. */
declare const __SPS_PROVIDER_RUNTIME_DIGEST__: string;
/** Set by scripts/bundle-provider.mjs: encoded GetProviderSchema/GetMetadata answers (base64). */
declare const __SPS_PRECOMPUTED_ANSWERS__: Record<string, string> | undefined;

let runtimeModule: RuntimeModule | undefined;

function loadRuntimeModule(): RuntimeModule {
  if (runtimeModule) return runtimeModule;
  if (typeof __SPS_PROVIDER_RUNTIME_SOURCE__ === 'string') {
    const module = { exports: {} as RuntimeModule };
    compileWithCodeCache(__SPS_PROVIDER_RUNTIME_SOURCE__, __SPS_PROVIDER_RUNTIME_DIGEST__)(module.exports, require, module);
    runtimeModule = module.exports;
  } else {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    runtimeModule = require('./provider-runtime') as RuntimeModule;
  }
  return runtimeModule;
}

/**
 * Compiles the embedded runtime with a V8 code cache (like Node 22's module compile cache, which
 * Node 20 lacks): Terraform starts the provider three times per plan, and the cache cuts the
 * runtime's load from about 200 ms to about 65 ms. The cache lives in SPS_PROVIDER_CACHE_DIR, by
 * default in the working directory's Terraform data directory (TF_DATA_DIR or .terraform, which
 * `terraform init` created), so nothing is written outside the user's project; never next to the
 * executable, whose directory Terraform checksums. Without a place for it, or with any problem
 * with it, the runtime is just compiled normally. The cache file is named by `digest`, the source's.
 */
function compileWithCodeCache(source: string, digest: string): (exports: object, require: NodeRequire, module: object) => void {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const vm = require('node:vm') as typeof import('node:vm');
  const fs = require('node:fs') as typeof import('node:fs');
  const path = require('node:path') as typeof import('node:path');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const wrapped = `(function (exports, require, module) {${source}\n})`;
  let cacheFile: string | undefined;
  let cachedData: Buffer | undefined;
  try {
    const dataDir = process.env.TF_DATA_DIR || '.terraform';
    const dir = process.env.SPS_PROVIDER_CACHE_DIR || (fs.existsSync(dataDir) ? path.join(dataDir, 'sps-provider-cache') : undefined);
    if (!dir) throw new Error('no cache directory');
    cacheFile = path.join(dir, `runtime-${process.version}-${digest.slice(0, 24)}.v8cache`);
    if (fs.existsSync(cacheFile)) cachedData = fs.readFileSync(cacheFile);
  } catch {
    cacheFile = undefined;
  }
  const script = new vm.Script(wrapped, { filename: 'sps-provider-runtime.js', cachedData });
  const compiled = script.runInThisContext();
  if (cacheFile && (!cachedData || script.cachedDataRejected)) {
    const target = cacheFile;
    // After the first call has run, so the cache also holds the functions it compiled.
    setImmediate(() => {
      try {
        fs.mkdirSync(path.dirname(target), { recursive: true, mode: 0o700 });
        const temporary = `${target}.${process.pid}.tmp`;
        fs.writeFileSync(temporary, script.createCachedData(), { mode: 0o600 });
        fs.renameSync(temporary, target);
      } catch {
        // A read-only home directory only costs speed.
      }
    });
  }
  return compiled;
}

runProviderProcess({
  loadRuntimeModule,
  precomputedAnswers: typeof __SPS_PRECOMPUTED_ANSWERS__ === 'object' ? __SPS_PRECOMPUTED_ANSWERS__ : undefined,
  args: process.argv.slice(2),
});
