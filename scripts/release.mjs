// npm run release [-- --out DIR] [-- --cache DIR] [-- --force] [-- --platforms linux_amd64,linux_arm64] [-- --quiet]
// Writes the release into --out (default: release/ of this checkout), each file once: the npm
// package tarball (sps-iac-<version>.tgz, of the built dist/: `npm run release` builds first), and
// the standalone terraform-provider-sps (compiled by Bun; no Node needed where Terraform runs it)
// in the Terraform registry's release layout (see scripts/release/layout.mjs). Needs only the npm
// registry: the Bun of another architecture is fetched (by npm pack, through npm's own cache) into
// --cache DIR when given, else into a temporary directory that is removed at the end, with the
// build's work files. Up to date (same sources, same tools) → nothing is rebuilt; concurrent calls for one
// --out wait for each other.
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import { bundleOptions, precomputedAnswers, repoRoot } from './lib/bundle-options.mjs';
import { BUN_BUILD_ARGS, buildStandalone } from './release/build-bun.mjs';
import { h1Hash, zipHash } from './release/hashes.mjs';
import { writeReleaseLayout, zipName } from './release/layout.mjs';
import { withLock } from './release/lock.mjs';
import { BUN_VERSION, PINNED } from './release/tools.mjs';
import { writeZip } from './release/zip.mjs';

const { packedFiles, packNpmPackage } = createRequire(import.meta.url)('./lib/npm-package.cjs');

/** A usage error: one line, no stack trace. */
function fail(message) {
  console.error(`release: ${message}`);
  process.exit(2);
}

let values;
try {
  ({ values } = parseArgs({
    options: {
      out: { type: 'string', default: join(repoRoot, 'release') },
      cache: { type: 'string' },
      force: { type: 'boolean', default: false },
      platforms: { type: 'string', default: 'linux_amd64,linux_arm64' },
      quiet: { type: 'boolean', default: false },
    },
  }));
} catch (error) {
  fail(error.message);
}
const say = (line) => (values.quiet ? undefined : console.log(line));
const releaseDir = resolve(values.out);
const shown = (path) => {
  const inCwd = relative(process.cwd(), path);
  return inCwd.startsWith('..') || isAbsolute(inCwd) ? path : inCwd || '.';
};
const version = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')).version;

/** The targets, by Terraform's platform names (Bun compiles each of them on any machine). */
const TARGETS = {
  linux_amd64: { arch: 'x64' },
  linux_arm64: { arch: 'arm64' },
};

/** Everything the release is made from (the package tarball's files included): a change to any of it rebuilds. */
function inputsKey(platforms) {
  const hash = createHash('sha256');
  const files = (dir) => readdirSync(join(repoRoot, dir), { recursive: true }).map((f) => join(dir, String(f))).filter((f) => statSync(join(repoRoot, f)).isFile());
  const sources = [...files('src'), ...files('scripts/release'), 'scripts/release.mjs', 'scripts/lib/bundle-options.mjs', 'scripts/lib/undici-pool.cjs', 'scripts/lib/npm-package.cjs', 'package-lock.json'];
  for (const file of [...new Set([...sources, ...packedFiles()])].sort()) {
    hash.update(`${file}\0`).update(readFileSync(join(repoRoot, file)));
  }
  hash.update(JSON.stringify({ platforms, BUN_VERSION, PINNED, BUN_BUILD_ARGS, version, TARGETS }));
  return hash.digest('hex');
}

const platforms = values.platforms.split(',');
for (const platform of platforms) if (!TARGETS[platform]) fail(`--platforms: unknown platform "${platform}" (known: ${Object.keys(TARGETS).join(', ')})`);
// The release replaces --out as a whole: never a directory that holds anything else.
const metadataFile = join(releaseDir, 'release.json');
if (existsSync(releaseDir) && readdirSync(releaseDir).length > 0 && !existsSync(metadataFile)) {
  fail(`--out: "${values.out}" is not empty and holds no release (release.json); give a new or empty directory, or a previous release's`);
}

// The lock lives outside --out, which is replaced, and outside the project.
const lock = join(tmpdir(), `sps-iac-release-${createHash('sha256').update(releaseDir).digest('hex').slice(0, 16)}.lock`);
await withLock(lock, async () => {
  const key = inputsKey(platforms);
  if (!values.force && existsSync(metadataFile) && JSON.parse(readFileSync(metadataFile, 'utf8')).inputs === key) {
    say(`${shown(releaseDir)}/ is up to date (${version}); --force rebuilds`);
    return;
  }
  const work = mkdtempSync(join(tmpdir(), 'sps-iac-release-'));
  // Built beside --out and renamed into place at the end: a failed build leaves the previous release as it was.
  mkdirSync(dirname(releaseDir), { recursive: true });
  const staging = mkdtempSync(join(dirname(releaseDir), `.${basename(releaseDir)}.partial-`));
  const cleanUp = () => {
    rmSync(staging, { recursive: true, force: true });
    rmSync(work, { recursive: true, force: true });
  };
  // Ctrl-C or kill would end the process without running `finally`.
  const onSignal = (signal) => {
    cleanUp();
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.once('SIGINT', onSignal).once('SIGTERM', onSignal);
  try {
    chmodSync(staging, 0o755); // mkdtemp made it private
    // First, as it fails at once when dist/ is not built.
    const npmPackage = packNpmPackage(staging);
    const cacheDir = values.cache ? resolve(values.cache) : join(work, 'cache');
    const runtimeSource = (await build({ ...bundleOptions('node20'), write: false, entryPoints: [join(repoRoot, 'src/bin/provider-runtime.ts')] })).outputFiles[0].text;
    const answers = await precomputedAnswers(runtimeSource);
    const archives = [];
    for (const platform of platforms) {
      const started = Date.now();
      const { executable } = await buildStandalone({ cacheDir, workDir: join(work, platform), arch: TARGETS[platform].arch, precomputedAnswers: answers });
      // The registry's convention for the executable inside the zip.
      const entries = [{ name: `terraform-provider-sps_v${version}`, data: readFileSync(executable), mode: 0o755 }];
      const zip = join(staging, zipName(version, platform));
      await writeZip(zip, entries);
      rmSync(join(work, platform), { recursive: true, force: true });
      archives.push({ platform, zip, h1: h1Hash(entries), zh: zipHash(zip), executableBytes: entries[0].data.length, zipBytes: statSync(zip).size });
      say(`${zipName(version, platform)}: ${(statSync(zip).size / 2 ** 20).toFixed(1)} MiB (${((Date.now() - started) / 1000).toFixed(0)} s)`);
    }
    const { filesystemMirror, networkMirror, lockFile } = writeReleaseLayout(staging, version, archives, [npmPackage]);
    const metadata = {
      inputs: key,
      version,
      bun: BUN_VERSION,
      npmPackage: basename(npmPackage),
      filesystemMirror: relative(staging, filesystemMirror),
      networkMirror: relative(staging, networkMirror),
      lockFile: relative(staging, lockFile),
      archives: archives.map((a) => ({ ...a, zip: basename(a.zip) })),
    };
    writeFileSync(join(staging, 'release.json'), `${JSON.stringify(metadata, null, 2)}\n`);
    rmSync(releaseDir, { recursive: true, force: true });
    renameSync(staging, releaseDir);
    say(`wrote ${shown(releaseDir)}/: ${metadata.npmPackage}, the zips, SHA256SUMS, manifest, ${metadata.lockFile}, and the mirrors filesystem-mirror/ and network-mirror/ (hard links to the zips)`);
  } finally {
    cleanUp();
    process.off('SIGINT', onSignal).off('SIGTERM', onSignal);
  }
});
