// One standalone terraform-provider-sps: the provider bundled by esbuild (as the Node script is),
// then compiled by Bun with its runtime into one executable. `--bytecode` embeds JavaScriptCore
// bytecode made at build time, so a start parses nothing; the post-handshake runtime is evaluated
// on the first RPC that needs it (src/bin/provider-standalone.ts).
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { bundleOptions, repoRoot } from '../lib/bundle-options.mjs';
import { bunBinary, bunTarget, hostBun } from './tools.mjs';

/**
 * `bun build` options of every executable. A compiled executable would by default read `.env` and
 * `bunfig.toml` from its working directory, which is the user's Terraform directory: it must not.
 * Bun's --minify on esbuild's output still saves 0.4 MB of bytecode.
 */
export const BUN_BUILD_ARGS = ['--compile', '--bytecode', '--minify', '--no-compile-autoload-dotenv', '--no-compile-autoload-bunfig'];

export async function buildStandalone({ cacheDir, workDir, arch, precomputedAnswers }) {
  rmSync(workDir, { recursive: true, force: true });
  mkdirSync(workDir, { recursive: true });
  const script = join(workDir, 'provider.js');
  await build({
    ...bundleOptions('esnext'),
    entryPoints: [join(repoRoot, 'src/bin/provider-standalone.ts')],
    outfile: script,
    define: { __SPS_PRECOMPUTED_ANSWERS__: JSON.stringify(precomputedAnswers) },
  });
  const executable = join(workDir, 'terraform-provider-sps');
  // The target's own Bun is the executable's base (--compile-executable-path): nothing is downloaded by Bun.
  const args = ['build', ...BUN_BUILD_ARGS, `--target=${bunTarget(arch)}`, `--compile-executable-path=${bunBinary(cacheDir, arch)}`, script, '--outfile', executable];
  execFileSync(hostBun(), args, { cwd: workDir, stdio: ['ignore', 'ignore', 'pipe'] });
  return { executable };
}
