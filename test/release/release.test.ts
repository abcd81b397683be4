/**
 * `npm run release` (scripts/release.mjs --out DIR), built once into a directory under the OS temp
 * dir: what it writes (each file once, the npm package tarball in SHA256SUMS), what it leaves
 * behind (nothing in the checkout, nothing of its own in the temp dir), and the release used the
 * three ways Terraform installs it: filesystem mirror, network mirror, sps-install-provider.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readZipEntries } from '../../src/install/zip-entry';
import { MAGIC_COOKIE_KEY, MAGIC_COOKIE_VALUE } from '../../src/plugin/server/handshake';
import { repoRoot } from '../support/paths';
import { describeFilesystemMirror } from './filesystem-mirror';
import { describeInstallProvider } from './install-provider';
import { describeNetworkMirror } from './network-mirror';
import { linuxAmd64, useRelease } from './release-support';
import { deadline } from '../support/wait';

jest.setTimeout(deadline(20 * 60_000));

const release = useRelease();
const releaseScript = join(repoRoot, 'scripts/release.mjs');
// The release's own names: its output, cache and partial directories in the checkout, its work
// directories and lock in the temp dir.
const checkoutEntries = () => readdirSync(repoRoot).filter((name) => /release/i.test(name));
const checkoutBefore = checkoutEntries();

describe('the release directory', () => {
  const files = (dir: string): string[] => readdirSync(dir, { recursive: true }).map(String).filter((f) => statSync(join(dir, f)).isFile());

  it('holds each file once: the mirrors\' zips are hard links to the release\'s zips', () => {
    const { dir, metadata } = release();
    for (const archive of metadata.archives) {
      const inode = statSync(join(dir, archive.zip)).ino;
      for (const mirror of [metadata.filesystemMirror, metadata.networkMirror]) {
        expect({ mirror, inode: statSync(join(dir, mirror, 'registry.terraform.io/sps-iac/sps', archive.zip)).ino }).toEqual({ mirror, inode });
      }
    }
    // On disk (each inode once, as du counts): the zips, the tarball and a few small text files.
    const inodes = new Map(files(dir).map((f) => [statSync(join(dir, f)).ino, statSync(join(dir, f)).size]));
    const artefacts = metadata.archives.reduce((sum, a) => sum + statSync(join(dir, a.zip)).size, statSync(join(dir, metadata.npmPackage)).size);
    expect([...inodes.values()].reduce((a, b) => a + b, 0)).toBeLessThan(artefacts + 64 * 1024);
  });

  it('holds the npm package tarball, listed in SHA256SUMS with the zips and the manifest', () => {
    const { dir, metadata } = release();
    expect(metadata.npmPackage).toBe(`sps-iac-${metadata.version}.tgz`);
    const sums = readFileSync(join(dir, `terraform-provider-sps_${metadata.version}_SHA256SUMS`), 'utf8');
    const sha256 = (file: string) => createHash('sha256').update(readFileSync(join(dir, file))).digest('hex');
    const expected = [metadata.npmPackage, ...metadata.archives.map((a) => a.zip), `terraform-provider-sps_${metadata.version}_manifest.json`];
    expect(sums.trim().split('\n').sort()).toEqual(expected.map((file) => `${sha256(file)}  ${file}`).sort());
  });

  it('ships the built package in the tarball, with no scripts for npm to run or warn about', () => {
    const { dir, metadata } = release();
    const tarball = join(dir, metadata.npmPackage);
    const entries = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).split('\n');
    expect(entries).toEqual(expect.arrayContaining(['package/LICENSE', 'package/README.md', 'package/dist/index.js', 'package/dist/terraform-provider-sps.js']));
    const manifest = JSON.parse(execFileSync('tar', ['-xzOf', tarball, 'package/package.json'], { encoding: 'utf8' }));
    expect(manifest).toMatchObject({ name: 'sps-iac', version: metadata.version, license: 'MPL-2.0' });
    expect(manifest.scripts).toBeUndefined();
    expect(manifest.devDependencies).toBeUndefined();
  });

  it('is left as it is when up to date', () => {
    const { dir, metadata } = release();
    const zip = join(dir, metadata.archives[0].zip);
    const before = statSync(zip).mtimeMs;
    const again = spawnSync(process.execPath, [releaseScript, '--out', dir], { encoding: 'utf8', env: release().env });
    expect({ status: again.status, stderr: again.stderr }).toEqual({ status: 0, stderr: '' });
    expect(again.stdout).toContain('is up to date');
    expect(statSync(zip).mtimeMs).toBe(before);
  });

  it('refuses an --out directory that holds something other than a release, and names it', () => {
    const other = mkdtempSync(join(tmpdir(), 'sps-not-a-release-'));
    try {
      mkdirSync(join(other, 'src'));
      writeFileSync(join(other, 'keep.txt'), 'mine');
      const result = spawnSync(process.execPath, [releaseScript, '--out', other], { encoding: 'utf8', env: release().env });
      expect(result.status).toBe(2);
      expect(result.stderr).toBe(`release: --out: "${other}" is not empty and holds no release (release.json); give a new or empty directory, or a previous release's\n`);
      expect(readdirSync(other).sort()).toEqual(['keep.txt', 'src']);
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });

  it('writes nothing into the checkout, and leaves nothing of its own in the temp dir', () => {
    expect(checkoutEntries()).toEqual(checkoutBefore);
    // The release script ran with its own TMPDIR: whatever another run on the machine has in the shared temp dir does not count.
    expect(readdirSync(release().tempDir)).toEqual([]);
    expect(readdirSync(release().packageDir).sort()).toEqual(['dist', 'node_modules', 'package.json', 'release']);
  });
});

describe('the standalone executable', () => {
  let dir: string;
  let executable: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'sps-standalone-'));
    const [entry] = readZipEntries(join(release().dir, linuxAmd64(release().metadata).zip));
    executable = join(dir, entry.name);
    writeFileSync(executable, entry.data, { mode: 0o755 });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('answers a person at a shell, with no node on the PATH', () => {
    const result = spawnSync(executable, ['--version'], { env: { PATH: '/nonexistent' }, encoding: 'utf8' });
    expect({ status: result.status, stdout: result.stdout, stderr: result.stderr }).toEqual({ status: 0, stdout: `terraform-provider-sps ${release().metadata.version}\n`, stderr: '' });
  });

  it('reads no .env or bunfig.toml from its working directory, which is Terraform\'s', () => {
    // A Bun executable loads both by default: the .env would give the provider Terraform's handshake
    // cookie, the bunfig.toml would run preload.js inside the provider.
    const work = join(dir, 'work');
    mkdirSync(work);
    writeFileSync(join(work, '.env'), `${MAGIC_COOKIE_KEY}=${MAGIC_COOKIE_VALUE}\n`);
    writeFileSync(join(work, 'bunfig.toml'), 'preload = ["./preload.js"]\n');
    writeFileSync(join(work, 'preload.js'), 'process.stderr.write("preloaded\\n");\n');
    const result = spawnSync(executable, [], { cwd: work, env: { PATH: '/nonexistent' }, encoding: 'utf8' });
    expect(result.stderr).not.toContain('preloaded');
    expect(result.stderr).toMatch(/^This program is a plugin for Terraform \(the sps provider\) and is not meant to be run directly\./);
    expect(result.status).toBe(1);
  });
});

describeFilesystemMirror(release);
describeNetworkMirror(release);
describeInstallProvider(release);
