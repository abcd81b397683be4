// One standalone terraform-provider-sps: Node 22 (npm's node-linux-<arch>, stripped) with the
// provider injected as a single executable application (node --experimental-sea-config, then
// postject). With `snapshot`, the blob carries a V8 start-up snapshot of the provider, which only
// the target's own Node can build, so only a target that runs on this machine gets one.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { build } from 'esbuild';
import { bundleOptions, deferBuiltins, repoRoot } from '../lib/bundle-options.mjs';
import { stripElf } from './elf-strip.mjs';
import { nodeBinary, pinnedPackage } from './tools.mjs';

const SEA_FUSE = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2';

/**
 * Node options baked into the executable (the sea config's execArgv):
 * --use-openssl-ca: trust the system's CA store (as Terraform itself does), which OpenSSL reads
 *   lazily, instead of parsing Node's ~140 bundled root certificates into a store at every start
 *   (the plugin's TLS server creates a store): several milliseconds of each of the three starts
 *   per plan. SSL_CERT_FILE / SSL_CERT_DIR choose another store; ca_file adds the appliance's CA.
 */
export const EXEC_ARGV = ['--use-openssl-ca'];

export async function buildStandalone({ cacheDir, workDir, arch, snapshot, precomputedAnswers }) {
  rmSync(workDir, { recursive: true, force: true });
  mkdirSync(workDir, { recursive: true });
  const script = join(workDir, 'provider.js');
  await build({
    ...bundleOptions('node22'),
    plugins: [...bundleOptions('node22').plugins, ...(snapshot ? [deferBuiltins] : [])],
    entryPoints: [join(repoRoot, 'src/bin/provider-standalone.ts')],
    outfile: script,
    define: { __SPS_PRECOMPUTED_ANSWERS__: JSON.stringify(precomputedAnswers) },
  });
  const blob = join(workDir, 'sea-prep.blob');
  const config = join(workDir, 'sea-config.json');
  writeFileSync(config, JSON.stringify({ main: script, output: blob, disableExperimentalSEAWarning: true, useSnapshot: snapshot, useCodeCache: false, execArgv: EXEC_ARGV }, null, 2));
  // A start-up snapshot is V8's heap for one architecture, so the target's own Node (which then
  // runs on this machine) makes that blob; without a snapshot or code cache the blob is the same
  // for every architecture, and this machine's Node 22 makes it.
  execFileSync(nodeBinary(cacheDir, snapshot ? arch : process.arch), ['--experimental-sea-config', config], { cwd: workDir, stdio: ['ignore', 'ignore', 'pipe'] });
  const executable = join(workDir, 'terraform-provider-sps');
  const stripped = stripElf(nodeBinary(cacheDir, arch), executable);
  const { inject } = createRequire(import.meta.url)(join(pinnedPackage(cacheDir, 'postject@1.0.0-alpha.6'), 'dist/api.js'));
  // postject prints LIEF's warnings about the note section it adds; they are harmless.
  await quietly(() => inject(executable, 'NODE_SEA_BLOB', readFileSync(blob), { sentinelFuse: SEA_FUSE }));
  return { executable, script, strippedBytes: stripped.before - stripped.after };
}

/**
 * Runs `fn` with `process.stderr.write` replaced by a no-op. That silences postject's LIEF too: it is
 * WebAssembly, whose C++ stderr reaches Node through console.warn; native writes to fd 2 are not.
 */
async function quietly(fn) {
  const write = process.stderr.write;
  process.stderr.write = () => true;
  try {
    return await fn();
  } finally {
    process.stderr.write = write;
  }
}

