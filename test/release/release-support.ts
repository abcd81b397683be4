/**
 * What the release tests share: the release built once (npm run release reuses an up-to-date
 * release/ and serialises concurrent builds), a PATH on which only terraform is found (no node),
 * and Terraform working directories with their own CLI configuration.
 */
import { execFile, execFileSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, readSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { repoRoot } from '../support/paths';
import { PROVIDER_BLOCK } from '../support/terraform';

export const releaseDir = join(repoRoot, 'release');

export interface ReleaseArchive {
  platform: string;
  zip: string;
  h1: string;
  zh: string;
  snapshot: boolean;
}

export interface ReleaseMetadata {
  version: string;
  filesystemMirror: string;
  networkMirror: string;
  lockFile: string;
  archives: ReleaseArchive[];
}

/** The archive for this machine's platform (the tests run on linux_amd64). */
export function linuxAmd64(release: ReleaseMetadata): ReleaseArchive {
  const archive = release.archives.find((a) => a.platform === 'linux_amd64');
  if (!archive) throw new Error('the release has no linux_amd64 archive');
  return archive;
}

/** The first bytes of an ELF executable (the standalone provider), as opposed to a script for node. */
export const ELF_MAGIC = Buffer.from([0x7f, 0x45, 0x4c, 0x46]);

/** Builds release/ unless it is up to date (the first call on a clean machine takes about a minute). */
export function ensureRelease(): ReleaseMetadata {
  execFileSync(process.execPath, [join(repoRoot, 'scripts/release.mjs'), '--quiet'], { cwd: repoRoot, stdio: ['ignore', 'inherit', 'inherit'], timeout: 15 * 60_000 });
  return JSON.parse(readFileSync(join(releaseDir, 'release.json'), 'utf8')) as ReleaseMetadata;
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
