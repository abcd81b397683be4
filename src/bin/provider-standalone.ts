/**
 * Entry of the standalone terraform-provider-sps (scripts/release.mjs): a Node single executable.
 * Where the release can run the target's Node (linux_amd64 here), it is built with a V8 start-up
 * snapshot: this module runs at build time, evaluates the post-handshake runtime (protocol
 * messages, zod models, the provider, the appliance client) into the heap, and the snapshot keeps
 * it, so nothing is parsed or compiled when Terraform starts the provider. What must belong to
 * the running process (the TLS key and certificate, the listening socket, the environment, the log
 * level) is made in `main`, after deserialization. Without a snapshot (a target whose Node cannot
 * run on the build machine), `main` runs at once and the runtime loads on the first RPC.
 */
import { startupSnapshot } from 'node:v8';
import { runProviderProcess, type RuntimeModule } from './provider-process';

/** Set by scripts/release.mjs: encoded GetProviderSchema/GetMetadata answers (base64). */
declare const __SPS_PRECOMPUTED_ANSWERS__: Record<string, string> | undefined;

// Required, not imported: the bundle then evaluates these modules only when called.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const loadRuntimeModule = () => require('./provider-runtime') as RuntimeModule;
// The provider requires the appliance client on ConfigureProvider; the snapshot holds it already.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const loadClient = () => require('../client') as object;

function main(): void {
  runProviderProcess({
    loadRuntimeModule,
    precomputedAnswers: typeof __SPS_PRECOMPUTED_ANSWERS__ === 'object' ? __SPS_PRECOMPUTED_ANSWERS__ : undefined,
    // A single executable's argv is [executable, executable, ...arguments].
    args: process.argv.slice(2),
  });
}

if (startupSnapshot.isBuildingSnapshot()) {
  loadRuntimeModule();
  loadClient();
  startupSnapshot.setDeserializeMainFunction(main);
} else {
  main();
}
