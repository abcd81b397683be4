// The npm package tarball that `npm run release` ships (release/sps-iac-<version>.tgz), and that the
// tests install: `npm pack` of the built checkout, with the manifest's `scripts` and
// `devDependencies` left out. The tarball holds its built dist/, so it needs no build; a `prepare`
// script in it would only make npm list the package under "install scripts not yet covered by
// allowScripts" on every install. The checkout keeps `prepare`: installs from Git need it to build.
const { execFileSync } = require('node:child_process');
const { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { dirname, join } = require('node:path');

const repoRoot = join(__dirname, '../..');

const npmPack = (cwd, args) => JSON.parse(execFileSync('npm', ['pack', '--ignore-scripts', '--json', ...args], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }))[0];

/** The checkout's files that go into the tarball (by package.json's `files`), relative paths. */
const packedFiles = () => npmPack(repoRoot, ['--dry-run']).files.map((file) => file.path);

/** Packs the checkout's built package into `outDir`; returns the tarball's path. dist/ must be built. */
function packNpmPackage(outDir) {
  const files = packedFiles();
  const staging = mkdtempSync(join(tmpdir(), 'sps-iac-pack-'));
  try {
    for (const path of files) {
      mkdirSync(dirname(join(staging, path)), { recursive: true });
      copyFileSync(join(repoRoot, path), join(staging, path));
    }
    const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
    const missing = [manifest.main, ...Object.values(manifest.bin)].filter((file) => !files.includes(file));
    if (missing.length > 0) throw new Error(`the package is not built (no ${missing.join(', ')}): run npm run build first`);
    delete manifest.scripts;
    delete manifest.devDependencies;
    writeFileSync(join(staging, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    mkdirSync(outDir, { recursive: true });
    return join(outDir, npmPack(staging, ['--pack-destination', outDir]).filename);
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

module.exports = { packedFiles, packNpmPackage };
