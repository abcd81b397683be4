/**
 * The package as users receive it: what `npm pack` puts in the tarball, the entry points, and the
 * command-line behaviour of every bin (--help, unknown options).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PACKAGE_VERSION } from '../../src/version';
import { lockFileWithProviderEntry } from '../../src/constructs/provider-lock';
import { repoRoot } from '../support/paths';

const packageJson = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
const bins: Record<string, string> = packageJson.bin;

it('the version constant is the package version', () => {
  expect(PACKAGE_VERSION).toBe(packageJson.version);
});

describe('the tarball', () => {
  const [packed] = JSON.parse(execFileSync('npm', ['pack', '--ignore-scripts', '--dry-run', '--json'], { cwd: repoRoot, encoding: 'utf8' })) as Array<{
    size: number;
    files: Array<{ path: string }>;
  }>;
  const paths = packed.files.map((file) => file.path);

  it('holds what users run, not tests, benchmarks, sources or build scripts', () => {
    for (const path of paths) expect(path).toMatch(/^(dist\/|docs\/|package\.json$|README\.md$|LICENSE)/);
    for (const entry of ['dist/index.js', 'dist/index.d.ts', 'dist/cdktn/index.js', 'dist/cdktn/index.d.ts', 'dist/simulator/index.js', 'dist/simulator/index.d.ts']) {
      expect(paths).toContain(entry);
    }
    for (const bin of Object.values(bins)) expect(paths).toContain(bin);
    expect(paths.filter((path) => path.endsWith('.map'))).toEqual([]);
  });

  it('holds the license that package.json names: the Mozilla Public License 2.0, in full', () => {
    expect(packageJson.license).toBe('MPL-2.0');
    expect(paths).toContain('LICENSE');
    const license = readFileSync(join(repoRoot, 'LICENSE'), 'utf8');
    expect(license.startsWith('Mozilla Public License Version 2.0\n')).toBe(true);
    expect(license).toContain('Exhibit B - "Incompatible With Secondary Licenses" Notice');
  });

  it('is at most 2 MB packed', () => {
    expect(packed.size).toBeLessThanOrEqual(2 * 1024 * 1024);
  });

  it('has one flavour per CDK: the cdktn entry never loads cdktf', () => {
    const cdktn = readFileSync(join(repoRoot, 'dist/cdktn/constructs/sps-provider.js'), 'utf8');
    expect(cdktn).toMatch(/require\("cdktn"\)/);
    for (const file of paths.filter((path) => path.startsWith('dist/cdktn/') && path.endsWith('.js'))) {
      expect({ file, cdktf: /require\("cdktf(\/[^"]*)?"\)/.test(readFileSync(join(repoRoot, file), 'utf8')) }).toEqual({ file, cdktf: false });
    }
  });
});

describe('every bin', () => {
  const run = (bin: string, args: string[]) => spawnSync(process.execPath, [join(repoRoot, bins[bin]), ...args], { encoding: 'utf8', cwd: tmpdir(), env: { ...process.env, TF_PLUGIN_MAGIC_COOKIE: '' } });

  it.each(Object.keys(bins))('%s --help prints its usage and exits 0', (bin) => {
    const result = run(bin, ['--help']);
    expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 0, stderr: '' });
    expect(result.stdout).toMatch(new RegExp(`^usage: .*${bin}`, 'm'));
  });

  it.each(Object.keys(bins))('%s rejects an unknown option with one line and no stack trace', (bin) => {
    const result = run(bin, ['--no-such-option']);
    expect(result.status).not.toBe(0);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(new RegExp(`^${bin}: .*--no-such-option`));
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('the dependency lock entry written at synth', () => {
  const entry = `provider "registry.terraform.io/sps-iac/sps" {\n  version     = "${PACKAGE_VERSION}"\n  constraints = "${PACKAGE_VERSION}"\n}\n`;

  it('is added to a stack without a lock file', () => {
    expect(lockFileWithProviderEntry(undefined)).toContain(entry);
  });

  it('keeps the entry Terraform wrote for this version, with its checksums', () => {
    const terraformWrote = `provider "registry.terraform.io/sps-iac/sps" {\n  version     = "${PACKAGE_VERSION}"\n  constraints = "${PACKAGE_VERSION}"\n  hashes = [\n    "h1:abc=",\n  ]\n}\n`;
    expect(lockFileWithProviderEntry(terraformWrote)).toBeUndefined();
  });

  it('replaces an entry of another version and keeps other providers', () => {
    const other = `provider "registry.terraform.io/hashicorp/null" {\n  version = "3.2.4"\n  hashes = [\n    "h1:x=",\n  ]\n}\n`;
    const old = `provider "registry.terraform.io/sps-iac/sps" {\n  version     = "0.0.9"\n  constraints = "0.0.9"\n  hashes = [\n    "h1:old=",\n  ]\n}\n`;
    const updated = lockFileWithProviderEntry(`${other}\n${old}`)!;
    expect(updated).toContain(other);
    expect(updated).toContain(entry);
    expect(updated).not.toContain('0.0.9');
  });
});
