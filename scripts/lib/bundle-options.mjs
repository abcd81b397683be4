// esbuild options shared by the Node script bundle (scripts/bundle-provider.mjs) and the
// standalone executable (scripts/release.mjs).
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

export const bundleOptions = (target) => ({
  bundle: true,
  platform: 'node',
  target,
  format: 'cjs',
  minify: true,
  legalComments: 'none',
  logLevel: 'warning',
  plugins: [undiciPoolOnly],
});

/**
 * For the standalone executable's start-up snapshot: these built-in modules hold native bindings
 * that V8 cannot serialize (node:http's parser, node:http2's session, node:tls's JSStream), so a
 * module that imports them gets a stand-in whose exports load the real module on first use, after
 * the snapshot was deserialized. The names are the build machine's Node's; only used ones matter.
 */
export const DEFERRED_BUILTINS = ['node:http', 'node:http2', 'node:https', 'node:tls'];

export const deferBuiltins = {
  name: 'defer-builtins',
  setup(build) {
    const filter = new RegExp(`^(${DEFERRED_BUILTINS.map((name) => name.replace(/^node:/, '(node:)?')).join('|')})$`);
    build.onResolve({ filter }, (args) => {
      const path = args.path.replace(/^(node:)?/, 'node:');
      // The stand-in's own require is the real module.
      return args.namespace === 'deferred-builtin' ? { path, external: true } : { path, namespace: 'deferred-builtin' };
    });
    build.onLoad({ filter: /.*/, namespace: 'deferred-builtin' }, async (args) => {
      const names = Object.keys(await import(args.path)).filter((name) => name !== 'default');
      return {
        loader: 'js',
        contents:
          `let real;\nconst load = () => (real ??= require(${JSON.stringify(args.path)}));\n` +
          `for (const name of ${JSON.stringify(names)}) Object.defineProperty(exports, name, { enumerable: true, get: () => load()[name] });\n`,
      };
    });
  },
};

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
