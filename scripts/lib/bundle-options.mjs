// esbuild options shared by the Node script bundle (scripts/bundle-provider.mjs) and the
// standalone executable (scripts/release/build-bun.mjs).
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '../..');

/** `undici` (the package's index) → scripts/lib/undici-pool.cjs (only Pool; see there why). */
export const undiciPoolOnly = {
  name: 'undici-pool-only',
  setup(build) {
    build.onResolve({ filter: /^undici$/ }, () => ({ path: join(repoRoot, 'scripts/lib/undici-pool.cjs') }));
  },
};

/**
 * `long` → nothing: protobufjs then decodes int64 fields as numbers, as the provider's code takes
 * them (src/plugin/server/protocol.ts), and a start does not load long.js, which compiles a
 * WebAssembly module when it is loaded.
 */
export const withoutLong = {
  name: 'without-long',
  setup(build) {
    build.onResolve({ filter: /^long$/ }, () => ({ path: 'long', namespace: 'without-long' }));
    build.onLoad({ filter: /.*/, namespace: 'without-long' }, () => ({ contents: 'module.exports = null;', loader: 'js' }));
  },
};

export const bundleOptions = (target) => ({
  bundle: true,
  platform: 'node',
  target,
  format: 'cjs',
  minify: true,
  legalComments: 'none',
  logLevel: 'warning',
  plugins: [undiciPoolOnly, withoutLong],
});

/**
 * The encoded answers to the RPCs whose answer never changes (GetProviderSchema, GetMetadata),
 * computed from the bundled runtime's source, so a provider process that Terraform starts only
 * to read the schema loads nothing else.
 */
export async function precomputedAnswers(runtimeSource) {
  const module = { exports: {} };
  new Function('exports', 'require', 'module', runtimeSource)(module.exports, createRequire(import.meta.url), module);
  const { createRuntime, protocolMessages } = module.exports;
  const { server } = createRuntime();
  const answers = {};
  for (const rpc of ['GetProviderSchema', 'GetMetadata']) {
    const response = await server[rpc]({}, { signal: new AbortController().signal });
    const type = protocolMessages.tfplugin6[rpc].Response;
    answers[rpc] = Buffer.from(type.encode(type.fromObject(response)).finish()).toString('base64');
  }
  return answers;
}
