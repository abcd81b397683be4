// The Bun executables the release compiles the provider into. This machine's is the `bun`
// devDependency (npm ci installs it with its platform package); another architecture's comes from
// the npm registry (`npm pack`, into a cache directory: release.mjs --cache DIR, else a temporary
// one; never node_modules), checked against the integrity pinned here before it is unpacked.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

export const BUN_VERSION = '1.4.5';

/** Node's names of the architectures → Bun's. */
const BUN_ARCH = { x64: 'x64', arm64: 'aarch64' };

/** name@version → sha512 integrity (from `npm view <spec> dist.integrity`). */
export const PINNED = {
  [`@oven/bun-linux-x64@${BUN_VERSION}`]: 'sha512-IWX9BELoGHAUtMonkeSaNaZwXzRk+oDw6Mk+HBFXd3KHYIBNBsIGRupMZPcgNoDbJpLu6gAJjIoIVPZtt1aJ1g==',
  [`@oven/bun-linux-aarch64@${BUN_VERSION}`]: 'sha512-4BXmsSKnjOrlGWqZV4x/oWa7AVoR+B6lCXddMzOAXBIm3t50eslg9wb66gmtW1AamEQ1l1CDvmmruysEhqOWMg==',
};

/**
 * The unpacked package directory of `spec` (one of PINNED) under `cacheDir`, fetching it once.
 * `npm pack` ignores the package's os/cpu fields, so any architecture's Bun downloads on any machine.
 */
export function pinnedPackage(cacheDir, spec) {
  const integrity = PINNED[spec];
  if (!integrity) throw new Error(`${spec} is not pinned in scripts/release/tools.mjs`);
  const dir = join(cacheDir, 'packages', spec.replace('/', '+'));
  if (existsSync(join(dir, 'package.json'))) return dir;
  const downloads = join(cacheDir, 'downloads');
  mkdirSync(downloads, { recursive: true });
  const output = execFileSync('npm', ['pack', spec, '--json', '--pack-destination', downloads], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  const tarball = join(downloads, JSON.parse(output)[0].filename);
  const actual = `sha512-${createHash('sha512').update(readFileSync(tarball)).digest('base64')}`;
  if (actual !== integrity) throw new Error(`${spec}: integrity ${actual} does not match the pinned ${integrity}`);
  const unpacking = `${dir}.unpacking`;
  rmSync(unpacking, { recursive: true, force: true });
  mkdirSync(unpacking, { recursive: true });
  execFileSync('tar', ['-xzf', tarball, '-C', unpacking, '--strip-components=1']);
  rmSync(dir, { recursive: true, force: true });
  renameSync(unpacking, dir);
  rmSync(tarball);
  return dir;
}

/** The directory of the `bun` devDependency, which must be the pinned version. */
function bunPackageDir() {
  const dir = dirname(require.resolve('bun/package.json'));
  const installed = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).version;
  if (installed !== BUN_VERSION) throw new Error(`the bun devDependency is ${installed}, but scripts/release/tools.mjs pins ${BUN_VERSION}: make them the same`);
  return dir;
}

/**
 * The binary of the installed platform package `name` (an optional dependency of `bun`), or
 * undefined when npm did not install that one. bun's postinstall moves the binary to the bun
 * package's bin/bun.exe; without install scripts it is still in the platform package.
 */
function installedBun(name) {
  const dir = bunPackageDir();
  let platformDir;
  try {
    platformDir = dirname(require.resolve(`${name}/package.json`, { paths: [dir] }));
  } catch {
    return undefined;
  }
  return existsSync(join(platformDir, 'bin/bun')) ? join(platformDir, 'bin/bun') : join(dir, 'bin/bun.exe');
}

/** This machine's Bun, which runs the build. */
export const hostBun = () => installedBun(`@oven/bun-${process.platform}-${BUN_ARCH[process.arch]}`) ?? join(bunPackageDir(), 'bin/bun.exe');

/** The Bun executable (glibc) for linux/`arch` that a compiled provider is built on: the installed one when it is that, else the pinned package. */
export function bunBinary(cacheDir, arch) {
  const name = `@oven/bun-linux-${BUN_ARCH[arch]}`;
  return (process.platform === 'linux' && process.arch === arch && installedBun(name)) || join(pinnedPackage(cacheDir, `${name}@${BUN_VERSION}`), 'bin/bun');
}

/** Bun's name of the build target linux/`arch`. */
export const bunTarget = (arch) => `bun-linux-${BUN_ARCH[arch]}`;
