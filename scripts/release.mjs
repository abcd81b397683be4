// npm run release [-- --force] [-- --platforms linux_amd64,linux_arm64]
// Builds the standalone terraform-provider-sps (no Node needed where Terraform runs it) and the
// Terraform registry's release layout in release/ (see scripts/release/layout.mjs). Needs only
// the npm registry: the Node binaries and postject are fetched into .release-cache/.
// Up to date (same sources, same tools) → nothing is rebuilt, so tests can call it freely;
// concurrent calls wait for each other.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import { bundleOptions, precomputedAnswers, repoRoot } from './lib/bundle-options.mjs';
import { buildStandalone, EXEC_ARGV } from './release/build-sea.mjs';
import { h1Hash, zipHash } from './release/hashes.mjs';
import { writeReleaseLayout, zipName } from './release/layout.mjs';
import { withLock } from './release/lock.mjs';
import { NODE_VERSION, PINNED } from './release/tools.mjs';
import { writeZip } from './release/zip.mjs';

const { values } = parseArgs({
  options: {
    force: { type: 'boolean', default: false },
    platforms: { type: 'string', default: 'linux_amd64,linux_arm64' },
    quiet: { type: 'boolean', default: false },
  },
});
const say = (line) => (values.quiet ? undefined : console.log(line));
const releaseDir = join(repoRoot, 'release');
const cacheDir = join(repoRoot, '.release-cache');
const version = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')).version;

/** Which targets this machine can build, and whether with a start-up snapshot (runs here). */
const TARGETS = {
  linux_amd64: { arch: 'x64', snapshot: process.platform === 'linux' && process.arch === 'x64' },
  linux_arm64: { arch: 'arm64', snapshot: process.platform === 'linux' && process.arch === 'arm64' },
};

/** Everything the release is made from: a change to any of it rebuilds. */
function inputsKey(platforms) {
  const hash = createHash('sha256');
  const files = (dir) => readdirSync(join(repoRoot, dir), { recursive: true }).map((f) => join(dir, String(f))).filter((f) => statSync(join(repoRoot, f)).isFile());
  for (const file of [...files('src'), ...files('scripts/release'), 'scripts/release.mjs', 'scripts/lib/bundle-options.mjs', 'scripts/lib/undici-pool.cjs', 'package-lock.json'].sort()) {
    hash.update(`${file}\0`).update(readFileSync(join(repoRoot, file)));
  }
  hash.update(JSON.stringify({ platforms, NODE_VERSION, PINNED, EXEC_ARGV, version, TARGETS }));
  return hash.digest('hex');
}

const platforms = values.platforms.split(',');
for (const platform of platforms) if (!TARGETS[platform]) throw new Error(`unknown platform ${platform} (known: ${Object.keys(TARGETS).join(', ')})`);

mkdirSync(cacheDir, { recursive: true });
await withLock(join(cacheDir, 'release.lock'), async () => {
  const key = inputsKey(platforms);
  const metadataFile = join(releaseDir, 'release.json');
  if (!values.force && existsSync(metadataFile) && JSON.parse(readFileSync(metadataFile, 'utf8')).inputs === key) {
    say(`release/ is up to date (${version}); --force rebuilds`);
    return;
  }
  rmSync(releaseDir, { recursive: true, force: true });
  mkdirSync(releaseDir, { recursive: true });
  const runtimeSource = (await build({ ...bundleOptions('node20'), write: false, entryPoints: [join(repoRoot, 'src/bin/provider-runtime.ts')] })).outputFiles[0].text;
  const answers = await precomputedAnswers(runtimeSource);
  const archives = [];
  for (const platform of platforms) {
    const { arch, snapshot } = TARGETS[platform];
    const started = Date.now();
    const workDir = join(cacheDir, 'work', platform);
    const { executable } = await buildStandalone({ cacheDir, workDir, arch, snapshot, precomputedAnswers: answers });
    // The registry's convention for the executable inside the zip.
    const entries = [{ name: `terraform-provider-sps_v${version}`, data: readFileSync(executable), mode: 0o755 }];
    const zip = join(releaseDir, zipName(version, platform));
    writeZip(zip, entries);
    archives.push({ platform, zip, h1: h1Hash(entries), zh: zipHash(zip), snapshot, executableBytes: entries[0].data.length, zipBytes: statSync(zip).size });
    say(`${relative(repoRoot, zip)}: ${(statSync(zip).size / 2 ** 20).toFixed(1)} MiB, ${snapshot ? 'with' : 'without'} a start-up snapshot (${((Date.now() - started) / 1000).toFixed(0)} s)`);
  }
  const { filesystemMirror, networkMirror, lockFile } = writeReleaseLayout(releaseDir, version, archives);
  const metadata = {
    inputs: key,
    version,
    node: NODE_VERSION,
    execArgv: EXEC_ARGV,
    filesystemMirror: relative(releaseDir, filesystemMirror),
    networkMirror: relative(releaseDir, networkMirror),
    lockFile: relative(releaseDir, lockFile),
    archives: archives.map((a) => ({ ...a, zip: relative(releaseDir, a.zip) })),
  };
  writeFileSync(metadataFile, `${JSON.stringify(metadata, null, 2)}\n`);
  say(`wrote ${relative(repoRoot, releaseDir)}/ (SHA256SUMS, manifest, filesystem-mirror/, network-mirror/, ${relative(releaseDir, lockFile)})`);
});
