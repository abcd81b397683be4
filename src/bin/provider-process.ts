/**
 * What the provider process does once its code is loaded, shared by the Node script
 * (terraform-provider-sps.ts) and the standalone executable (provider-standalone.ts): answer a
 * person at a shell, or serve Terraform, loading the post-handshake runtime on the first RPC that
 * needs more than the precomputed answers.
 */
import { readLogLevel } from '../plugin/log';
import { serve } from '../plugin/server';
import { type CallContext, PROVIDER_RPCS, type ProviderServer, type RpcName } from '../plugin/server/protocol';
import { PACKAGE_VERSION } from '../version';

export type RuntimeModule = typeof import('./provider-runtime');

const USAGE = `usage: terraform-provider-sps [--version] [--help]

The Terraform provider for One Identity Safeguard for Privileged Sessions (sps-iac/sps).
Terraform starts it; it is not meant to be run by hand. Install it where Terraform finds it:

  npx sps-install-provider
  export TF_CLI_CONFIG_FILE="$PWD/.sps-provider/terraformrc"
`;

/** Terraform starts the plugin without arguments; anything else is a person at a shell. Returns false when the process should end. */
function answerCommandLine(args: string[]): boolean {
  if (args.length === 0) return true;
  if (args[0] === '--help' || args[0] === '-h') process.stdout.write(USAGE);
  else if (args[0] === '--version') process.stdout.write(`terraform-provider-sps ${PACKAGE_VERSION}\n`);
  else {
    process.stderr.write(`terraform-provider-sps: unknown argument "${args[0].slice(0, 40)}" (see terraform-provider-sps --help)\n`);
    process.exitCode = 2;
  }
  return false;
}

export interface ProviderProcessOptions {
  /** The post-handshake runtime (protocol messages and provider), loaded when first needed. */
  readonly loadRuntimeModule: () => RuntimeModule;
  /** Encoded answers (base64) to RPCs that never change, computed at build time. */
  readonly precomputedAnswers?: Readonly<Record<string, string>>;
  /** The command-line arguments after the executable (process.argv differs between a script and a compiled executable). */
  readonly args: string[];
}

export function runProviderProcess(options: ProviderProcessOptions): void {
  if (!answerCommandLine(options.args)) return;
  readLogLevel();
  let runtime: ReturnType<RuntimeModule['createRuntime']> | undefined;
  const loadRuntime = () => (runtime ??= options.loadRuntimeModule().createRuntime());

  /** The provider server, loaded by the first RPC that needs more than the precomputed answers. */
  const lazyServer = Object.fromEntries(
    PROVIDER_RPCS.map((rpc: RpcName) => [rpc, (request: never, context: CallContext) => (loadRuntime().server[rpc] as (request: never, context: CallContext) => Promise<object>)(request, context)]),
  ) as unknown as ProviderServer;

  const precomputed = options.precomputedAnswers
    ? (Object.fromEntries(Object.entries(options.precomputedAnswers).map(([rpc, base64]) => [rpc, Buffer.from(base64, 'base64')])) as Partial<Record<RpcName, Uint8Array>>)
    : undefined;

  void serve(lazyServer, {
    loadMessages: () => options.loadRuntimeModule().protocolMessages,
    precomputed,
    onShutdown: async () => (runtime ? runtime.shutdown() : undefined),
  });
}
