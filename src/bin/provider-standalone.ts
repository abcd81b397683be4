/**
 * Entry of the standalone terraform-provider-sps (scripts/release.mjs), which Bun compiles with
 * its runtime into one executable (`bun build --compile --bytecode`): the bytecode is made at
 * build time, so nothing is parsed when Terraform starts the provider. Plain code that runs on
 * Node as well; the post-handshake runtime is evaluated on the first RPC that needs it.
 */
import { runProviderProcess, type RuntimeModule } from './provider-process';

/** Set by scripts/release.mjs: encoded GetProviderSchema/GetMetadata answers (base64). */
declare const __SPS_PRECOMPUTED_ANSWERS__: Record<string, string> | undefined;

runProviderProcess({
  // Required, not imported: the bundle then evaluates the runtime only when called.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  loadRuntimeModule: () => require('./provider-runtime') as RuntimeModule,
  precomputedAnswers: typeof __SPS_PRECOMPUTED_ANSWERS__ === 'object' ? __SPS_PRECOMPUTED_ANSWERS__ : undefined,
  // A compiled executable's argv is [bun, the embedded script, ...arguments].
  args: process.argv.slice(2),
});
