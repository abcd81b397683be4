/**
 * cdktf and cdktn are optional peers: the package's tarball, installed into new projects outside
 * this repository with neither CDK, with only cdktn, and with cdktf. Both construct entries load
 * in each; a construct used without its CDK says what to install; with its CDK it synthesizes.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isolatedUserEnvironment } from '../support/user-environment';
import { bash, packPackage } from './user-repo';
import { deadline } from '../support/wait';

jest.setTimeout(deadline(15 * 60_000));

let base: string;
let home: string;
let tarball: string;

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'sps-optional-cdk-'));
  home = join(base, 'home');
  mkdirSync(home);
  tarball = packPackage(base);
});
afterAll(() => rmSync(base, { recursive: true, force: true }));

/**
 * What a user's program sees of an entry (`sps-iac` or `sps-iac/cdktn`): whether it loads, its
 * version constant, and what `new UserList(…)` and `userList.UserList` do; with `cdk`, what a
 * stack with the provider and a user list synthesizes.
 */
const PROBE = `
const { mkdtempSync, readFileSync } = require('node:fs');
const { join } = require('node:path');
const [entry, cdkName] = process.argv.slice(2);
const attempt = (body) => { try { return { value: body() }; } catch (error) { return { error: error.message }; } };
const sps = attempt(() => require(entry));
const result = { loads: sps.error ?? true };
if (sps.value) {
  const { PACKAGE_VERSION, UserList, userList, SpsProvider } = sps.value;
  result.version = PACKAGE_VERSION;
  if (cdkName) {
    result.synth = attempt(() => {
      const cdk = require(cdkName);
      const outdir = mkdtempSync(join(process.cwd(), 'out-'));
      const app = new cdk.App({ outdir });
      const stack = new cdk.TerraformStack(app, 'probe');
      new SpsProvider(stack, 'sps', { url: 'https://sps.example.com' });
      new UserList(stack, 'ops', { name: 'ops', allow: 'no_user', except: ['alice'] });
      app.synth();
      return Object.keys(JSON.parse(readFileSync(join(outdir, 'stacks/probe/cdk.tf.json'), 'utf8')).resource);
    });
  } else {
    result.construct = attempt(() => new UserList({}, 'ops', { name: 'ops', allow: 'no_user', except: [] }));
    result.namespace = attempt(() => userList.UserList);
  }
}
console.log(JSON.stringify(result));
`;

/** A new project with the tarball and `cdks` installed by one npm install. */
async function project(name: string, cdks: string[]): Promise<{ probe: (entry: string, cdk?: string) => Promise<Record<string, unknown>>; dir: string; env: Record<string, string | undefined> }> {
  const dir = join(base, name);
  mkdirSync(dir);
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify({ name: `optional-cdk-${name}`, version: '1.0.0', private: true }, null, 2)}\n`);
  writeFileSync(join(dir, 'probe.cjs'), PROBE);
  const env = isolatedUserEnvironment(home, { SPS_IAC: tarball });
  const install = await bash(`npm install --no-audit --no-fund "$SPS_IAC" ${cdks.join(' ')}`, dir, env);
  expect({ code: install.code, output: install.code === 0 ? '' : install.output }).toEqual({ code: 0, output: '' });
  const probe = async (entry: string, cdk?: string) => {
    const run = await bash(`node probe.cjs ${entry} ${cdk ?? ''}`, dir, env);
    expect({ code: run.code }).toEqual({ code: 0 });
    return JSON.parse(run.output.trim().split('\n').at(-1)!) as Record<string, unknown>;
  };
  return { probe, dir, env };
}

it('with neither CDK: both entries load, and a construct names the packages to install', async () => {
  const { probe, dir, env } = await project('neither', []);
  const main = await probe('sps-iac');
  expect(main).toMatchObject({ loads: true, version: expect.stringMatching(/^\d+\.\d+\.\d+/) });
  const mainMessage =
    'sps-iac: UserList needs CDK for Terraform (cdktf), which is not installed. Install it: npm install cdktf@^0.21.0. ' +
    'Or, for CDK Terrain: npm install cdktn@^0.24.0, and import from "sps-iac/cdktn".';
  expect(main.construct).toEqual({ error: mainMessage });
  expect(main.namespace).toEqual({ error: mainMessage.replace('UserList', 'userList') });
  // From an ES module too: the names are there, and say the same.
  const esm = await bash(`node --input-type=module -e 'import { UserList, PACKAGE_VERSION } from "sps-iac"; console.log(PACKAGE_VERSION); try { new UserList(); } catch (e) { console.log(e.message); }'`, dir, env);
  expect(esm).toEqual({ code: 0, output: `${main.version}\n${mainMessage}\n` });
  const cdktn = await probe('sps-iac/cdktn');
  expect(cdktn.loads).toBe(true);
  expect(cdktn.construct).toEqual({
    error: 'sps-iac/cdktn: UserList needs CDK Terrain (cdktn), which is not installed. Install it: npm install cdktn@^0.24.0. Or, for CDK for Terraform: npm install cdktf@^0.21.0, and import from "sps-iac".',
  });
});

it('with only cdktn: sps-iac loads and points to sps-iac/cdktn, which synthesizes', async () => {
  const { probe } = await project('cdktn', ['cdktn@0.24.0', 'constructs@10.7.2']);
  const main = await probe('sps-iac');
  expect(main.loads).toBe(true);
  expect(main.construct).toEqual({
    error: 'sps-iac: UserList needs CDK for Terraform (cdktf), which is not installed; cdktn is: import from "sps-iac/cdktn" instead, or install cdktf: npm install cdktf@^0.21.0',
  });
  expect((await probe('sps-iac/cdktn', 'cdktn')).synth).toEqual({ value: ['sps_user_list'] });
});

it('with cdktf: sps-iac synthesizes', async () => {
  const { probe } = await project('cdktf', ['cdktf@0.21.0', 'constructs@10.7.2']);
  expect((await probe('sps-iac', 'cdktf')).synth).toEqual({ value: ['sps_user_list'] });
  expect((await probe('sps-iac/cdktn')).loads).toBe(true);
});
