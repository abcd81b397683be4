import { Aspects, type ISynthesisSession, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { join } from 'node:path';
import { SpsProvider as GeneratedSpsProvider, type SpsProviderConfig } from './generated/sps/provider';
import { ensureProviderLock } from './provider-lock';
import { StateBackendCheck } from './state-backend-check';

export type { SpsProviderConfig } from './generated/sps/provider';

const stacksWithLockEntry = new WeakSet<TerraformStack>();

/**
 * The sps provider (sps-iac/sps), configured from `config` and the `SPS_*` environment variables.
 * It is the generated binding plus one thing at synth: the stack's directory gets a dependency
 * lock entry for this provider version, so `cdktf diff`/`deploy` install the provider from the
 * local mirror (`npx sps-install-provider`) instead of asking the public registry for it (see
 * provider-lock.ts). In CI, it also warns at synth when the stack's state would be a local file
 * (see state-backend-check.ts).
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
        ensureProviderLock(join(session.outdir, session.manifest.forStack(stack).workingDirectory));
      },
    };
  }
}
