/**
 * The fleet example end to end on a real PostgreSQL, the real cdktf and terraform CLIs and one
 * simulator per appliance: `cdktf deploy '*'` in parallel; one appliance down fails only its own
 * stack; with it back, a re-run converges and every plan is clean.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../support/paths';
import { expectedObjects, Fleet } from './fleet-harness';
import { outputByStack } from './output-by-stack';
import { deadline } from '../support/wait';

jest.setTimeout(deadline(300_000));

const OUT = 'cdktf.out';
let fleet: Fleet;
/** What a run leaves in the checkout's example directory (compared before and after). */
const checkoutStatus = () => execFileSync('git', ['status', '--porcelain', '--ignored', '--', 'examples/fleet'], { cwd: repoRoot, encoding: 'utf8' });
let statusBefore: string;

beforeAll(async () => {
  statusBefore = checkoutStatus();
  fleet = await Fleet.start();
});
afterAll(async () => {
  await fleet?.cleanup();
});

const names = () => fleet.inventory.appliances.map((a) => a.name);
const tagsOf = (name: string) => fleet.inventory.appliances.find((a) => a.name === name)!.tags;
/** Each appliance gets one site tag it did not have: every stack then has something to deploy. */
const NEW_TAG: Record<string, string> = { london: 'pci', frankfurt: 'dmz', singapore: 'siem' };

/** Every file under the synthesized output (cdk.tf.json, lock files, .terraform). */
function synthesizedFiles(): string[] {
  const dir = join(fleet.dir, OUT);
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

it('deploys one stack per appliance in parallel: baseline plus site extras, a schema each, no secret anywhere', async () => {
  const inventory = fleet.writeInventory('inventory.json');
  const env = fleet.env(inventory, 'https://git.example.com/fleet/pr/1');
  const deploy = await fleet.cdktf(['deploy', '*', '--parallelism', '3', '--auto-approve', '--no-color'], OUT, env);
  expect({ code: deploy.code, output: deploy.code === 0 ? '' : deploy.output }).toEqual({ code: 0, output: '' });

  for (const name of names()) {
    expect({ name, objects: await fleet.objects(name) }).toEqual({ name, objects: expectedObjects(tagsOf(name)) });
    const commits = fleet.simulators[name].commits();
    expect(commits.length).toBeGreaterThan(0);
    expect(new Set(commits.map((c) => c.message))).toEqual(new Set(['https://git.example.com/fleet/pr/1']));
    // Each appliance was reached with its own password: a mix-up would have failed its login.
    expect(fleet.simulators[name].counters().logins).toBeGreaterThan(0);
  }
  const expectedCount = (tags: string[]) => Object.values(expectedObjects(tags)).flat().length;
  expect(fleet.pg.stateSchemas()).toEqual(names().map((n) => `sps_${n}`).sort());
  for (const name of names()) expect({ name, resources: fleet.stateResources(name).length }).toEqual({ name, resources: expectedCount(tagsOf(name)) });

  // Secrets: no appliance password in the output, the synthesized files or the state, and no
  // connection string in the code's output (the backend block has no conn_str).
  const passwords = Object.values(fleet.credentials).map((c) => c.password);
  const files = synthesizedFiles();
  expect(files.filter((f) => f.endsWith('cdk.tf.json'))).toHaveLength(3);
  for (const file of files) {
    const text = readFileSync(file, 'latin1');
    for (const password of passwords) expect({ file, leaked: text.includes(password) }).toEqual({ file, leaked: false });
    expect({ file, connStr: text.includes(fleet.pg.connStr) || text.includes('postgres://') }).toEqual({ file, connStr: false });
  }
  for (const password of passwords) expect(deploy.output).not.toContain(password);
  for (const name of names()) for (const password of passwords) expect(fleet.pg.query(`SELECT data FROM sps_${name}.states`)).not.toContain(password);
  const stack = JSON.parse(readFileSync(join(fleet.stackDir(OUT, 'london'), 'cdk.tf.json'), 'utf8'));
  expect(stack.terraform.backend.pg).toEqual({ schema_name: 'sps_london' });
  expect(stack.variable.sps_london_password).toMatchObject({ sensitive: true });
  expect(stack.provider.sps[0].password).toBe('${var.sps_london_password}');
});

it('with one appliance down, only its stack fails and the others deploy', async () => {
  const before = fleet.stateResources('frankfurt');
  await fleet.stopAppliance('frankfurt');
  const inventory = fleet.writeInventory('inventory-2.json', (inv) => inv.appliances.forEach((a) => a.tags.push(NEW_TAG[a.name])));
  const env = fleet.env(inventory, 'https://git.example.com/fleet/pr/2');
  const deploy = await fleet.cdktf(['deploy', '*', '--parallelism', '3', '--auto-approve', '--no-color'], OUT, env);

  expect(deploy.code).not.toBe(0);
  // The errors name the unreachable appliance's URL, and only that one; the others completed.
  const unreachable = [...deploy.output.matchAll(/cannot reach SPS at (\S+) /g)].map((m) => m[1]);
  expect(new Set(unreachable)).toEqual(new Set([fleet.simulators.frankfurt.url]));
  const byStack = outputByStack(deploy.output, names());
  expect(byStack.frankfurt).toContain('Error: SPS provider error');
  expect(byStack.frankfurt).toContain(`cannot reach SPS at ${fleet.simulators.frankfurt.url} `);
  expect(byStack.frankfurt).not.toContain('Apply complete!');
  expect(byStack.london).toContain('Apply complete!');
  expect(byStack.singapore).toContain('Apply complete!');
  for (const name of ['london', 'singapore']) {
    expect({ name, objects: await fleet.objects(name) }).toEqual({ name, objects: expectedObjects([...tagsOf(name), NEW_TAG[name]]) });
  }
  // Its state claims nothing the appliance does not have.
  expect(fleet.stateResources('frankfurt')).toEqual(before);
});

it('with the appliance back, a re-run converges and every stack plans clean', async () => {
  await fleet.startAppliance('frankfurt');
  expect(await fleet.objects('frankfurt')).toEqual(expectedObjects(tagsOf('frankfurt')));
  const inventory = fleet.writeInventory('inventory-2.json', (inv) => inv.appliances.forEach((a) => a.tags.push(NEW_TAG[a.name])));
  const env = fleet.env(inventory, 'https://git.example.com/fleet/pr/2');
  const deploy = await fleet.cdktf(['deploy', '*', '--parallelism', '3', '--auto-approve', '--no-color'], OUT, env);
  expect({ code: deploy.code, output: deploy.code === 0 ? '' : deploy.output }).toEqual({ code: 0, output: '' });
  expect(outputByStack(deploy.output, names()).frankfurt).toContain('Apply complete! Resources: 2 added, 0 changed, 0 destroyed');

  for (const name of names()) {
    expect({ name, objects: await fleet.objects(name) }).toEqual({ name, objects: expectedObjects([...tagsOf(name), NEW_TAG[name]]) });
    const plan = await fleet.terraform(['plan', '-detailed-exitcode', '-input=false', '-no-color'], OUT, name, env);
    expect({ name, code: plan.code, output: plan.code === 0 ? '' : plan.output }).toEqual({ name, code: 0, output: '' });
  }

  // Nothing was written outside the temporary directory: not into the checkout, not into HOME.
  expect(checkoutStatus()).toBe(statusBefore);
  expect(fleet.filesInHome()).toEqual([]);
});
