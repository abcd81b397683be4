/**
 * Names stay unique, through the real terraform CLI against the simulator: two pipelines creating
 * the same name at the same time, renames onto taken names (at plan, and between plan and apply),
 * creates on taken names, and replacements: -replace keeps the name, create_before_destroy cannot
 * (the new object would need it while the old one has it) and is refused with nothing half-done.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SimulatorHandle } from '../../src/simulator';
import { adminSession, startTestSimulator } from '../support/simulator';
import { makeWorkspace, PROVIDER_BLOCK, tf, tfOk, type TfResult, type Workspace } from '../support/terraform';
import { deadline, waitFor } from '../support/wait';

jest.setTimeout(deadline(240_000));

const USER_LISTS = '/api/configuration/policies/userlists';
const API_CLIENTS = '/api/configuration/aaa/api_clients';
const LOCK_WAIT = 'configuration lock is held';
let simulator: SimulatorHandle;
const workspaces: Workspace[] = [];

beforeEach(async () => {
  // Each terraform command starts its own provider processes, each with its own session.
  simulator = await startTestSimulator({ maxSessionsPerUser: 50 });
});
afterEach(async () => {
  for (const ws of workspaces.splice(0)) ws.cleanup();
  await simulator.close();
});

function providerBlock(commitMessage = 'terraform'): string {
  return `${PROVIDER_BLOCK}
provider "sps" {
  url            = "${simulator.url}"
  username       = "admin"
  password       = "admin"
  lock_timeout   = "120s"
  commit_message = "${commitMessage}"
}
`;
}

async function workspace(files: Record<string, string>, commitMessage?: string): Promise<Workspace> {
  const ws = makeWorkspace({ files: { 'provider.tf': providerBlock(commitMessage), ...files } });
  workspaces.push(ws);
  await tfOk(ws, ['init', '-input=false']);
  return ws;
}

/**
 * Runs terraform with the provider's log in the workspace, so that a test can wait for what the
 * provider is doing. Terraform files the provider's lines under DEBUG, whatever their own level.
 */
function tfLogged(ws: Workspace, args: string[]): Promise<TfResult> {
  return tf(ws, args, { env: { TF_LOG_PROVIDER: 'DEBUG', TF_LOG_PATH: join(ws.dir, 'terraform.log') } });
}

function waitForLog(ws: Workspace, what: string, text: string): Promise<void> {
  const file = join(ws.dir, 'terraform.log');
  return waitFor(what, () => existsSync(file) && readFileSync(file, 'utf8').includes(text), 120_000);
}

const oneLine = (text: string) => text.replace(/[│╷╵]/g, ' ').replace(/\s+/g, ' ');
const CBD = '\n  lifecycle {\n    create_before_destroy = true\n  }\n';
const userList = (address: string, name: string, extra = '') => `resource "sps_user_list" "${address}" {\n  name   = "${name}"\n  allow  = "no_user"\n  except = []\n${extra}}\n`;
const apiClient = (address: string, name: string, extra = '') =>
  `resource "sps_api_client" "${address}" {\n  name       = "${name}"\n  scopes     = ["logs"]\n  applies_to = { selection = "all" }\n${extra}}\n`;
const handMadeList = (name: string) => ({ name, allow: 'no_user', except: [] });
const handMadeClient = (name: string) => ({ name, scopes: ['logs'], applies_to: { selection: 'all' } });

async function stateResources(ws: Workspace): Promise<Array<{ address: string; values: { id: string; name: string }; deposed_key?: string }>> {
  const shown = JSON.parse((await tfOk(ws, ['show', '-json'])).stdout);
  return shown.values?.root_module?.resources ?? [];
}

/** Configuration writes the provider sent since the counters were reset. */
function writesSent(): string[] {
  return Object.keys(simulator.counters().requests).filter((request) => /^(POST|PUT|DELETE) \/api\/configuration/.test(request));
}

describe('two pipelines create the same name at the same time', () => {
  it.each([
    ['sps_user_list', userList('shared', 'shared-name'), USER_LISTS, 'shared-name', /User list "shared-name" already exists/],
    ['sps_api_client', apiClient('siem', 'siem'), API_CLIENTS, 'siem', /API client "siem" already exists/],
  ])('%s: exactly one succeeds, the other is refused inside its transaction and records nothing', async (_type, config, collection, name, refusal) => {
    const pipelines = await Promise.all([workspace({ 'main.tf': config }, 'pipeline one'), workspace({ 'main.tf': config }, 'pipeline two')]);
    // An administrator holds the configuration lock: both applies plan while the name is free
    // (so both pass the plan-time check) and then wait for the lock together. Released, they race
    // for it; the one that comes second finds the name taken only inside its own transaction.
    simulator.holdLock('admin');
    const runs = pipelines.map((ws) => tfLogged(ws, ['apply', '-auto-approve', '-no-color']));
    await Promise.all(pipelines.map((ws, i) => waitForLog(ws, `pipeline ${i + 1} waits for the configuration lock`, LOCK_WAIT)));
    simulator.releaseLock();
    const results = await Promise.all(runs);

    const winner = results.findIndex((result) => result.code === 0);
    expect(results.map((result) => result.code).sort()).toEqual([0, 1]);
    const loser = pipelines[1 - winner];
    const refused = oneLine(results[1 - winner].stderr);
    expect(refused).toMatch(refusal);
    expect(refused).toMatch(/Nothing was written/);
    expect(results[1 - winner].stderr).toMatch(/import \{\s+to = \S+\.<name>\s+id = "[0-9a-f]+"\s+\}/);

    const admin = await adminSession(simulator.url);
    expect(await admin.names(collection)).toEqual([name]);
    const [key] = await admin.customKeys(collection);
    expect((await stateResources(pipelines[winner])).map((resource) => resource.values.id)).toEqual([key]);
    expect(await stateResources(loser)).toEqual([]);
    // One commit, the winner's: the loser rolled back.
    expect(simulator.commits().map((commit) => commit.message)).toEqual([`pipeline ${winner === 0 ? 'one' : 'two'}`]);
  });
});

describe('renames', () => {
  it('renaming a user list onto a name another list has fails at plan, naming that list\'s key; nothing is written', async () => {
    const ws = await workspace({ 'main.tf': userList('ours', 'beta') });
    await tfOk(ws, ['apply', '-auto-approve']);
    const admin = await adminSession(simulator.url);
    const { key: alpha } = await admin.commitChange('POST', USER_LISTS, handMadeList('alpha'));

    ws.write({ 'main.tf': userList('ours', 'alpha') });
    simulator.resetCounters();
    const refused = await tf(ws, ['plan', '-no-color']);
    expect(refused.code).toBe(1);
    expect(oneLine(refused.stderr)).toMatch(new RegExp(`User list "alpha": the name is taken .*a user list named "alpha" \\(key "${alpha}"\\).*Nothing was written`));
    expect((await tf(ws, ['apply', '-auto-approve', '-no-color'])).code).toBe(1);
    expect(writesSent()).toEqual([]);
    expect(await admin.names(USER_LISTS)).toEqual(['alpha', 'beta']);
  });

  it('renaming an API client onto a taken name fails at plan, naming the holder\'s key; nothing is written', async () => {
    const ws = await workspace({ 'main.tf': apiClient('ours', 'collector') });
    await tfOk(ws, ['apply', '-auto-approve']);
    const admin = await adminSession(simulator.url);
    const { key: siem } = await admin.commitChange('POST', API_CLIENTS, handMadeClient('siem'));

    ws.write({ 'main.tf': apiClient('ours', 'siem') });
    simulator.resetCounters();
    const refused = await tf(ws, ['plan', '-no-color']);
    expect(refused.code).toBe(1);
    expect(oneLine(refused.stderr)).toMatch(new RegExp(`API client "siem": the name is taken .*an API client named "siem" \\(key "${siem}"\\).*Nothing was written`));
    expect((await tf(ws, ['apply', '-auto-approve', '-no-color'])).code).toBe(1);
    expect(writesSent()).toEqual([]);
    expect(await admin.names(API_CLIENTS)).toEqual(['collector', 'siem']);
  });

  it('after someone renames our "ops" to "ops-old" by hand and creates a new "ops", renaming ours back is refused and nothing is written', async () => {
    const ws = await workspace({ 'main.tf': userList('ops', 'ops') });
    await tfOk(ws, ['apply', '-auto-approve']);
    const [ours] = (await stateResources(ws)).map((resource) => resource.values.id);
    const admin = await adminSession(simulator.url);
    await admin.commitChange('PUT', `${USER_LISTS}/${ours}`, { ...(await admin.body(`${USER_LISTS}/${ours}`)), name: 'ops-old' });
    const { key: theirs } = await admin.commitChange('POST', USER_LISTS, handMadeList('ops'));

    simulator.resetCounters();
    const refused = await tf(ws, ['plan', '-no-color']);
    expect(refused.code).toBe(1);
    expect(oneLine(refused.stderr)).toMatch(new RegExp(`User list "ops": the name is taken .*\\(key "${theirs}"\\).*Nothing was written`));
    expect((await tf(ws, ['apply', '-auto-approve', '-no-color'])).code).toBe(1);
    expect(writesSent()).toEqual([]);
    expect(simulator.counters().commits).toBe(0);
    expect((await admin.body(`${USER_LISTS}/${ours}`)).name).toBe('ops-old');
    expect(await admin.names(USER_LISTS)).toEqual(['ops', 'ops-old']);
  });

  it('a rename whose name is taken between plan and apply is refused inside the transaction, and nothing is committed', async () => {
    const ws = await workspace({ 'main.tf': userList('ours', 'beta') });
    await tfOk(ws, ['apply', '-auto-approve']);
    const [ours] = (await stateResources(ws)).map((resource) => resource.values.id);
    ws.write({ 'main.tf': userList('ours', 'gamma') });
    await tfOk(ws, ['plan', '-out=rename.tfplan']);

    // An administrator opens a transaction in the web UI; the apply re-plans (the name is still
    // free), then waits for the lock while the administrator creates "gamma" and commits.
    const admin = await adminSession(simulator.url);
    expect((await admin.call('POST', '/api/transaction')).status).toBeLessThan(300);
    const commitsBefore = simulator.commits().length;
    const apply = tfLogged(ws, ['apply', '-no-color', 'rename.tfplan']);
    await waitForLog(ws, 'the apply waits for the configuration lock', LOCK_WAIT);
    const { key: theirs } = await admin.commitChange('POST', USER_LISTS, handMadeList('gamma'));
    const refused = await apply;

    expect(refused.code).toBe(1);
    expect(oneLine(refused.stderr)).toMatch(new RegExp(`User list "gamma": the name is taken .*\\(key "${theirs}"\\).*Nothing was written`));
    expect(simulator.commits().slice(commitsBefore).map((commit) => commit.message)).toEqual(['out-of-band change']);
    expect((await admin.body(`${USER_LISTS}/${ours}`)).name).toBe('beta');
    expect(await admin.names(USER_LISTS)).toEqual(['beta', 'gamma']);
    expect((await stateResources(ws)).map((resource) => resource.values.name)).toEqual(['beta']);
  });
});

describe('creates on a taken name', () => {
  it('a different object holding the name fails the plan; an identical one is a warning at plan, and the apply refuses inside its transaction', async () => {
    const admin = await adminSession(simulator.url);
    const { key } = await admin.commitChange('POST', USER_LISTS, { ...handMadeList('ops'), allow: 'all_users' });
    const ws = await workspace({ 'main.tf': userList('ops', 'ops') });
    const refused = await tf(ws, ['plan', '-no-color']);
    expect(refused.code).toBe(1);
    expect(oneLine(refused.stderr)).toMatch(new RegExp(`User list "ops" already exists .*\\(key "${key}"\\)`));

    // Identical, it may be the object a create_before_destroy replacement replaces, which the
    // apply plans again after deposing it: a plan error there would strand it.
    await admin.commitChange('PUT', `${USER_LISTS}/${key}`, handMadeList('ops'));
    const warned = await tfOk(ws, ['plan', '-detailed-exitcode'], 2);
    expect(oneLine(warned.stdout)).toMatch(new RegExp(`Warning: User list "ops" exists on the appliance, identical to this one .*\\(key "${key}"\\).* The apply will refuse to create a second one`));
    simulator.resetCounters();
    const applied = await tf(ws, ['apply', '-auto-approve', '-no-color']);
    expect(applied.code).toBe(1);
    expect(oneLine(applied.stderr)).toMatch(new RegExp(`User list "ops" already exists .*\\(key "${key}"\\).* Nothing was written`));
    expect(writesSent()).toEqual([]);
    expect(simulator.counters().commits).toBe(0);
    expect(await admin.customKeys(USER_LISTS)).toEqual([key]);
    expect(await stateResources(ws)).toEqual([]);
  });
});

describe('create_before_destroy', () => {
  /** After a refused replacement: the old object is still the current one in the state, nothing deposed, and the appliance unchanged. */
  async function expectNothingHalfDone(ws: Workspace, collection: string, name: string, key: string): Promise<void> {
    const resources = await stateResources(ws);
    expect(resources.map((resource) => ({ id: resource.values.id, deposed: resource.deposed_key }))).toEqual([{ id: key, deposed: undefined }]);
    const admin = await adminSession(simulator.url);
    expect(await admin.customKeys(collection)).toEqual([key]);
    expect(await admin.names(collection)).toEqual([name]);
  }

  function expectExplained(result: TfResult, kind: string, name: string, key: string): void {
    expect(result.code).toBe(1);
    const text = oneLine(result.stderr);
    expect(text).toMatch(new RegExp(`${kind} "${name}" already exists .*\\(key "${key}"\\).*Nothing was written`));
    // Why names must be unique, why this replacement cannot keep the name, and what to do.
    expect(text).toMatch(/Names identify objects on the appliance .* so the provider keeps them unique/);
    expect(text).toMatch(/with create_before_destroy, .* Terraform creates the new object first, so the new object would need the name while the old one still has it/);
    expect(text).toMatch(/Remove create_before_destroy, so that Terraform deletes the old object first, or give the new object another name in the same change/);
    expect(text).toMatch(/Do not import it: Terraform already manages it/);
  }

  it('an API client rotation (keepers) is refused with the reason and what to do; the state keeps the old client; without create_before_destroy it rotates', async () => {
    const ws = await workspace({ 'main.tf': apiClient('siem', 'siem', `  keepers    = { rotation = "1" }\n${CBD}`) });
    await tfOk(ws, ['apply', '-auto-approve']);
    const [key] = (await stateResources(ws)).map((resource) => resource.values.id);

    ws.write({ 'main.tf': apiClient('siem', 'siem', `  keepers    = { rotation = "2" }\n${CBD}`) });
    expectExplained(await tf(ws, ['apply', '-auto-approve', '-no-color']), 'API client', 'siem', key);
    await expectNothingHalfDone(ws, API_CLIENTS, 'siem', key);
    // The same replacement is planned again, not a stranded (deposed) object.
    expect((await tfOk(ws, ['plan', '-detailed-exitcode'], 2)).stdout).toMatch(/Plan: 1 to add, 0 to change, 1 to destroy/);

    // What the error advises works: without create_before_destroy, the old client goes first.
    ws.write({ 'main.tf': apiClient('siem', 'siem', '  keepers    = { rotation = "2" }\n') });
    expect((await tfOk(ws, ['apply', '-auto-approve'])).stdout).toMatch(/1 added, 0 changed, 1 destroyed/);
    const admin = await adminSession(simulator.url);
    expect(await admin.names(API_CLIENTS)).toEqual(['siem']);
    expect(await admin.customKeys(API_CLIENTS)).not.toContain(key);
  });

  it('terraform apply -replace of a user list with create_before_destroy is refused the same way, leaving state and appliance as they were', async () => {
    const ws = await workspace({ 'main.tf': userList('ops', 'ops', CBD) });
    await tfOk(ws, ['apply', '-auto-approve']);
    const [key] = (await stateResources(ws)).map((resource) => resource.values.id);

    expectExplained(await tf(ws, ['apply', '-auto-approve', '-no-color', '-replace=sps_user_list.ops']), 'User list', 'ops', key);
    await expectNothingHalfDone(ws, USER_LISTS, 'ops', key);
    expect((await tfOk(ws, ['plan', '-detailed-exitcode'], 0)).stdout).toMatch(/No changes/);
  });

  it('terraform apply -replace without create_before_destroy replaces the object under the same name', async () => {
    const ws = await workspace({ 'main.tf': userList('ops', 'ops') });
    await tfOk(ws, ['apply', '-auto-approve']);
    const [key] = (await stateResources(ws)).map((resource) => resource.values.id);

    expect((await tfOk(ws, ['apply', '-auto-approve', '-replace=sps_user_list.ops'])).stdout).toMatch(/1 added, 0 changed, 1 destroyed/);
    const admin = await adminSession(simulator.url);
    const keys = await admin.customKeys(USER_LISTS);
    expect(keys).toHaveLength(1);
    expect(keys[0]).not.toBe(key);
    expect(await admin.names(USER_LISTS)).toEqual(['ops']);
    expect((await stateResources(ws)).map((resource) => resource.values.id)).toEqual(keys);
  });
});
