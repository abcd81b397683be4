/**
 * The two routes that need no registry, as the README's "Installing the package" gives them, each
 * into a new project outside this repository with one npm install: the release tarball (a file),
 * and Git at a release tag (npm builds the package with its prepare script and devDependencies),
 * from a temporary bare repository holding this checkout's HEAD commit. Each then runs a bin with
 * npx and loads the package.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../support/paths';
import { isolatedUserEnvironment } from '../support/user-environment';
import { bash, filesUnder, packPackage, readmeBlock } from './user-repo';
import { deadline } from '../support/wait';

jest.setTimeout(deadline(15 * 60_000));

const version = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')).version as string;
const routes = readmeBlock('install', 'routes');
let base: string;
let home: string;

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'sps-install-routes-'));
  home = join(base, 'home');
  mkdirSync(home);
});
afterAll(() => rmSync(base, { recursive: true, force: true }));

/** A new project that installs `spec` with the CDK it is used with, in one npm install; returns the project and npm's output. */
async function installInNewProject(name: string, spec: string): Promise<{ project: string; output: string }> {
  const project = join(base, name);
  mkdirSync(project);
  writeFileSync(join(project, 'package.json'), `${JSON.stringify({ name: `my-sps-config-${name}`, version: '1.0.0', private: true }, null, 2)}\n`);
  const install = await bash('npm install --save-dev --no-audit --no-fund "$SPS_IAC" cdktf@0.21.0 constructs@10.7.2', project, isolatedUserEnvironment(home, { SPS_IAC: spec }));
  expect({ code: install.code, output: install.code === 0 ? '' : install.output }).toEqual({ code: 0, output: '' });
  return { project, output: install.output };
}

/** Runs a bin of the installed package with npx and loads its entry points; nothing is written outside the project. */
async function expectUsable(project: string): Promise<void> {
  const env = isolatedUserEnvironment(home);
  const help = await bash('npx sps-simulator --help', project, env);
  expect(help.code).toBe(0);
  expect(help.output).toMatch(/^usage: sps-simulator /);
  const load = await bash(
    `node -e 'const sps = require("sps-iac"); const sim = require("sps-iac/simulator"); console.log(sps.PACKAGE_VERSION, typeof sps.UserList, typeof sim.startSimulator, require.resolve("sps-iac"))'`,
    project,
    env,
  );
  expect(load).toEqual({ code: 0, output: `${version} function function ${join(project, 'node_modules/sps-iac/dist/index.js')}\n` });
  expect(filesUnder(home)).toEqual([]);
}

it('installs from the release tarball, a file: the built package, with no scripts for npm to run or warn about', async () => {
  expect(routes).toContain(`export SPS_IAC="$PWD/sps-iac-${version}.tgz"`);
  const tarball = packPackage(base);
  const { project, output } = await installInNewProject('tarball', tarball);
  expect(output).not.toMatch(/install.scripts/i);
  expect(JSON.parse(readFileSync(join(project, 'package.json'), 'utf8')).devDependencies['sps-iac']).toBe(`file:../sps-iac-${version}.tgz`);
  expect(JSON.parse(readFileSync(join(project, 'node_modules/sps-iac/package.json'), 'utf8')).scripts).toBeUndefined();
  await expectUsable(project);
});

it('installs from Git at a release tag, built by its prepare script', async () => {
  expect(routes).toContain(`git+https://`);
  expect(routes).toMatch(new RegExp(`^export SPS_IAC='git\\+https://[^'#]+\\.git#v${version.replace(/\./g, '\\.')}'$`, 'm'));
  const repository = join(base, 'sps-iac.git');
  execFileSync('git', ['init', '--quiet', '--bare', '--initial-branch=main', repository]);
  // The commit checked out here (which may be on no branch) as the branch HEAD names, which npm
  // reads, and the release tag; the checkout is only read.
  execFileSync('git', ['push', '--quiet', repository, 'HEAD:refs/heads/main', `HEAD:refs/tags/v${version}`], { cwd: repoRoot });
  const { project } = await installInNewProject('git', `git+file://${repository}#v${version}`);
  // dist/ is not in Git: npm built it.
  expect(existsSync(join(project, 'node_modules/sps-iac/dist/terraform-provider-sps.js'))).toBe(true);
  await expectUsable(project);
});
