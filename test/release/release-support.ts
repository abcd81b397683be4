/**
 * What the release tests share: one release, built by `scripts/release.mjs --out` into a package
 * directory under the OS temp dir and removed afterwards (nothing is written into the checkout), a
 * PATH on which only terraform is found (no node), and Terraform working directories with their
 * own CLI configuration.
 */
import { execFile, execFileSync } from 'node:child_process';
import { closeSync, cpSync, mkdirSync, mkdtempSync, openSync, readFileSync, readSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { repoRoot } from '../support/paths';
import { PROVIDER_BLOCK } from '../support/terraform';

export interface ReleaseArchive {
  platform: string;
  zip: string;
  h1: string;
  zh: string;
}

export interface ReleaseMetadata {
  version: string;
  npmPackage: string;
  filesystemMirror: string;
  networkMirror: string;
  lockFile: string;
  archives: ReleaseArchive[];
}

export interface Release {
  /** The release directory (what `npm run release` writes to release/ of a checkout). */
  readonly dir: string;
  /** A copy of the built package (dist/, package.json) whose release/ is `dir`, as in a checkout. */
  readonly packageDir: string;
  readonly metadata: ReleaseMetadata;
  /** The release script's own temp dir (TMPDIR), so that what it leaves behind is told apart from other runs' on the machine. */
  readonly tempDir: string;
  /** The environment the release script runs in here (TMPDIR = tempDir). */
  readonly env: NodeJS.ProcessEnv;
}

/** The archive for this machine's platform (the tests run on linux_amd64). */
export function linuxAmd64(release: ReleaseMetadata): ReleaseArchive {
  const archive = release.archives.find((a) => a.platform === 'linux_amd64');
  if (!archive) throw new Error('the release has no linux_amd64 archive');
  return archive;
}

/** The first bytes of an ELF executable (the standalone provider), as opposed to a script for node. */
export const ELF_MAGIC = Buffer.from([0x7f, 0x45, 0x4c, 0x46]);

/**
 * Builds the release once for the calling test file (beforeAll; about a minute) and removes it
 * afterwards; the returned function gives it to the tests.
 */
export function useRelease(): () => Release {
  let base: string | undefined;
  let release: Release | undefined;
  beforeAll(() => {
    base = mkdtempSync(join(tmpdir(), 'sps-release-test-'));
    const packageDir = join(base, 'sps-iac');
    // The package as in a checkout: sps-install-provider looks for release/ beside its dist/.
    cpSync(join(repoRoot, 'dist'), join(packageDir, 'dist'), { recursive: true });
    cpSync(join(repoRoot, 'package.json'), join(packageDir, 'package.json'));
    symlinkSync(join(repoRoot, 'node_modules'), join(packageDir, 'node_modules'));
    const dir = join(packageDir, 'release');
    const tempDir = join(base, 'tmp');
    mkdirSync(tempDir);
    const env = { ...process.env, TMPDIR: tempDir };
    execFileSync(process.execPath, [join(repoRoot, 'scripts/release.mjs'), '--out', dir, '--quiet'], { cwd: base, env, stdio: ['ignore', 'inherit', 'inherit'], timeout: 15 * 60_000 });
    release = { dir, packageDir, metadata: JSON.parse(readFileSync(join(dir, 'release.json'), 'utf8')) as ReleaseMetadata, tempDir, env };
  }, 15 * 60_000);
  afterAll(() => {
    if (base) rmSync(base, { recursive: true, force: true });
  });
  return () => {
    if (!release) throw new Error('the release was not built (see the beforeAll error)');
    return release;
  };
}

function findOnPath(program: string): string {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    try {
      execFileSync(join(dir, program), ['version'], { stdio: 'ignore' });
      return join(dir, program);
    } catch {
      // Not here.
    }
  }
  throw new Error(`${program} is not on PATH`);
}

export interface NodelessWorkspace {
  readonly dir: string;
  readonly env: Record<string, string>;
  write(name: string, text: string): void;
  read(name: string): string;
  tf(args: string[]): Promise<{ code: number; stdout: string; stderr: string }>;
  cleanup(): void;
}

/**
 * A working directory whose terraform runs with PATH = a directory holding only a link to
 * terraform, so the provider it starts cannot find node; `cliConfig` is its CLI configuration.
 */
export function nodelessWorkspace(cliConfig: string, env: Record<string, string> = {}): NodelessWorkspace {
  const dir = mkdtempSync(join(tmpdir(), 'sps-release-'));
  const bin = join(dir, '.bin');
  mkdirSync(bin);
  symlinkSync(findOnPath('terraform'), join(bin, 'terraform'));
  writeFileSync(join(dir, '.terraformrc'), cliConfig);
  const fullEnv: Record<string, string> = {
    PATH: bin,
    HOME: dir,
    TF_CLI_CONFIG_FILE: join(dir, '.terraformrc'),
    CHECKPOINT_DISABLE: '1',
    TF_IN_AUTOMATION: '1',
    TF_INPUT: '0',
    ...env,
  };
  return {
    dir,
    env: fullEnv,
    write: (name, text) => writeFileSync(join(dir, name), text),
    read: (name) => readFileSync(join(dir, name), 'utf8'),
    tf: (args) =>
      new Promise((resolve) => {
        execFile(join(bin, 'terraform'), [args[0], '-no-color', ...args.slice(1)], { cwd: dir, env: fullEnv, maxBuffer: 64 << 20, timeout: 180_000 }, (error, stdout, stderr) =>
          resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout: String(stdout), stderr: String(stderr) }),
        );
      }),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export function spsConfig(url: string, resources: string): string {
  return `${PROVIDER_BLOCK}
provider "sps" {
  url      = "${url}"
  username = "admin"
  password = "admin"
}
${resources}`;
}

export const USER_LISTS = `
resource "sps_user_list" "ops" {
  name   = "release-ops"
  allow  = "no_user"
  except = ["alice", "bob"]
}

resource "sps_user_list" "audit" {
  name   = "release-audit"
  allow  = "all_users"
  except = ["mallory"]
}
`;

/** The first bytes of the provider executable that `terraform init` installed. */
export function installedProviderHead(ws: NodelessWorkspace, version: string): Buffer {
  const file = join(ws.dir, '.terraform/providers/registry.terraform.io/sps-iac/sps', version, 'linux_amd64', `terraform-provider-sps_v${version}`);
  const fd = openSync(file, 'r');
  try {
    const head = Buffer.alloc(4);
    readSync(fd, head, 0, 4, 0);
    return head;
  } finally {
    closeSync(fd);
  }
}
