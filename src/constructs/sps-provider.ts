import { Aspects, type ISynthesisSession, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { join } from 'node:path';
import { providerInstallCommand } from '../install/installed-provider';
import { PACKAGE_VERSION } from '../version';
import { SpsProvider as GeneratedSpsProvider, type SpsProviderConfig } from './generated/sps/provider';
import { ensureProviderLock } from './provider-lock';
import { StateBackendCheck } from './state-backend-check';

export type { SpsProviderConfig } from './generated/sps/provider';

const stacksWithLockEntry = new WeakSet<TerraformStack>();
let installChecked = false;

/**
 * The sps provider (sps-iac/sps), configured from `config` and the `SPS_*` environment variables.
 * It is the generated binding plus one thing at synth: the stack's directory gets a dependency
 * lock entry for this provider version, so `cdktf diff`/`deploy` install the provider from the
 * local mirror (`npx sps-install-provider`) instead of asking the public registry for it (see
 * provider-lock.ts). When Terraform would not find the provider there, the synth prints the
 * command that installs it. In CI, it also warns at synth when the stack's state would be a local
 * file (see state-backend-check.ts).
 */
export class SpsProvider extends GeneratedSpsProvider {
  constructor(scope: Construct, id: string, config: SpsProviderConfig = {}) {
    super(scope, id, config);
    const stack = TerraformStack.of(this);
    if (stacksWithLockEntry.has(stack)) return;
    stacksWithLockEntry.add(stack);
    Aspects.of(stack).add(new StateBackendCheck());
    // The stack's synthesizer is its public extension point that knows the output directory.
    const synthesizer = stack.synthesizer;
    stack.synthesizer = {
      synthesize(session: ISynthesisSession) {
        synthesizer.synthesize(session);
        const workingDirectory = join(session.outdir, session.manifest.forStack(stack).workingDirectory);
        ensureProviderLock(workingDirectory);
        showInstallCommand(workingDirectory);
      },
    };
  }
}

/**
 * Prints, once per process, the command that installs the provider when `terraform init` in
 * `workingDirectory` would not find it: otherwise the next cdktf diff fails with Terraform's
 * "Failed to query available provider packages", which does not say what to do.
 */
function showInstallCommand(workingDirectory: string): void {
  if (installChecked) return;
  installChecked = true;
  let command: string | undefined;
  try {
    command = providerInstallCommand(workingDirectory, process.cwd());
  } catch {
    return; // only a hint: an unreadable CLI configuration must not fail the synth
  }
  if (!command) return;
  const config = process.env.TF_CLI_CONFIG_FILE ? `TF_CLI_CONFIG_FILE=${process.env.TF_CLI_CONFIG_FILE}` : 'TF_CLI_CONFIG_FILE is not set';
  process.stderr.write(
    `sps-iac: the provider sps-iac/sps ${PACKAGE_VERSION} is not installed where Terraform looks for it (${config}), so terraform init ` +
      `(and cdktf diff or deploy) would fail with "Failed to query available provider packages". Install it:\n  ${command}\n`,
  );
}
