/**
 * A platform engineer's repository, built the way the README's "In your own GitOps repo" says,
 * with the package's release tarball installed into a directory outside this repository. The
 * commands and files are read from the README's marked blocks and run as written, with SPS_IAC
 * (where the package comes from) set to the tarball.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../support/paths';
import { isolatedUserEnvironment } from '../support/user-environment';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { packNpmPackage } = require('../../scripts/lib/npm-package.cjs') as { packNpmPackage(outDir: string): string };

/** The fenced block that follows `<!-- user-repo:<flavour>:<name> -->` in the README. */
export function readmeBlock(flavour: string, name: string): string {
  const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
  const marker = `<!-- user-repo:${flavour}:${name} -->`;
  const at = readme.indexOf(marker);
  if (at < 0) throw new Error(`README.md has no block ${marker}`);
  const block = /```[a-z]*\n([\s\S]*?)```/.exec(readme.slice(at + marker.length));
  if (!block) throw new Error(`README.md: no code block after ${marker}`);
  return block[1];
}

/** The files a flavour's README section shows: its own, and the cdktf section's for the rest. */
export function readmeFiles(flavour: string): Record<string, string> {
  const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
  const names = (f: string) => [...readme.matchAll(new RegExp(`<!-- user-repo:${f}:file:([^ ]+) -->`, 'g'))].map((m) => m[1]);
  const files: Record<string, string> = {};
  for (const name of names('cdktf')) files[name] = readmeBlock('cdktf', `file:${name}`);
  if (flavour !== 'cdktf') for (const name of names(flavour)) files[name] = readmeBlock(flavour, `file:${name}`);
  return files;
}

/** Writes the release's npm package tarball of the built package (npm test builds first) into a directory; returns its path. */
export const packPackage: (into: string) => string = packNpmPackage;

export interface ScriptResult {
  code: number;
  output: string;
}

/** Runs a bash script (errexit) in `cwd`, with stdout and stderr together. */
export function bash(script: string, cwd: string, env: Record<string, string | undefined>, timeoutMs = 600_000): Promise<ScriptResult> {
  return new Promise((resolve) => {
    execFile('bash', ['-euo', 'pipefail', '-c', `exec 2>&1\n${script}`], { cwd, env: env as NodeJS.ProcessEnv, timeout: timeoutMs, maxBuffer: 64 << 20 }, (error, stdout) => {
      // Colours and spinners off, so that outputs can be matched.
      const output = String(stdout).replace(new RegExp(`${String.fromCharCode(27)}\\[[0-9;?]*[A-Za-z]`, 'g'), '');
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, output });
    });
  });
}

export interface UserRepo {
  /** The directory the README's `mkdir … && cd …` made: the user's project. */
  readonly project: string;
  /** An empty home directory: anything written outside the project ends up here. */
  readonly home: string;
  readonly tarball: string;
  cleanup(): void;
}

/** Packs the package and runs the README's setup block and files for `flavour`. */
export async function createUserRepo(flavour: string): Promise<UserRepo> {
  const base = mkdtempSync(join(tmpdir(), `sps-user-repo-${flavour}-`));
  const home = join(base, 'home');
  mkdirSync(home);
  const tarball = packPackage(base);
  const setup = readmeBlock(flavour, 'setup');
  if (!/npm install[^\n]* "\$\{SPS_IAC:\?[^}]*\}" /.test(setup)) throw new Error('the README setup block does not install "${SPS_IAC:?…}"');
  const result = await bash(setup, base, { ...process.env, SPS_IAC: tarball, npm_config_update_notifier: 'false' });
  if (result.code !== 0) throw new Error(`README setup for ${flavour} failed (${result.code}):\n${result.output}`);
  const project = join(base, readdirSync(base).find((name) => !['home'].includes(name) && !name.endsWith('.tgz'))!);
  for (const [name, text] of Object.entries(readmeFiles(flavour))) writeFileSync(join(project, name), text);
  return { project, home, tarball, cleanup: () => rmSync(base, { recursive: true, force: true }) };
}

/** The environment the user's commands run in: credentials for the simulator, and an empty HOME. */
export function userEnv(repo: UserRepo, simulatorUrl: string): Record<string, string | undefined> {
  return isolatedUserEnvironment(repo.home, {
    SPS_URL: simulatorUrl,
    SPS_USERNAME: 'admin',
    SPS_PASSWORD: 'admin',
    SPS_COMMIT_MESSAGE: 'https://git.example.com/pr/42',
  });
}

/** Runs the README's run block command by command (after its provider block), output per command. */
export async function runCommands(repo: UserRepo, flavour: string, env: Record<string, string | undefined>, select: (command: string, index: number) => boolean): Promise<Array<{ command: string } & ScriptResult>> {
  const prelude = readmeBlock('cdktf', 'provider');
  const commands = readmeBlock(flavour, 'run')
    .split('\n')
    .map((line) => line.replace(/\s+#.*$/, '').trim())
    .filter((line) => line.length > 0);
  const exports = commands.filter((command) => command.startsWith('export '));
  const results: Array<{ command: string } & ScriptResult> = [];
  for (const [index, command] of commands.entries()) {
    if (command.startsWith('export ') || !select(command, index)) continue;
    const result = await bash(`${prelude}\n${exports.join('\n')}\n${command}`, repo.project, env);
    results.push({ command, ...result });
    if (result.code !== 0) break;
  }
  return results;
}

/** Every file under `dir`, relative. */
export function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath ?? (entry as unknown as { path: string }).path, entry.name).slice(dir.length + 1));
}
