/**
 * Failure behaviour through the real terraform CLI: whatever happens, nothing is half committed
 * and Terraform's state agrees with the appliance afterwards.
 */
import type { SimulatorHandle } from '../../src/simulator';
import { adminSession, startTestSimulator } from '../support/simulator';
import { makeWorkspace, PROVIDER_BLOCK, tf, tfOk, type Workspace } from '../support/terraform';
import { deadline, waitFor } from '../support/wait';

jest.setTimeout(deadline(180_000));

const USER_LISTS = '/api/configuration/policies/userlists';
let simulator: SimulatorHandle;
let ws: Workspace;

beforeEach(async () => {
  simulator = await startTestSimulator();
  ws = makeWorkspace({ files: { 'provider.tf': providerConfig('30s') } });
  await tfOk(ws, ['init', '-input=false']);
});
afterEach(async () => {
  ws.cleanup();
  await simulator.close();
});

function providerConfig(lockTimeout: string): string {
  return `${PROVIDER_BLOCK}\nprovider "sps" {\n  url          = "${simulator.url}"\n  username     = "admin"\n  password     = "admin"\n  lock_timeout = "${lockTimeout}"\n}\n`;
}

function userLists(count: number): string {
  return Array.from({ length: count }, (_, i) => `resource "sps_user_list" "l${i}" {\n  name   = "list-${i}"\n  allow  = "no_user"\n  except = ["user${i}"]\n}\n`).join('\n');
}

/** Keys of user lists in Terraform's state and on the appliance (built-ins aside) must be the same. */
async function expectStateMatchesAppliance(): Promise<string[]> {
  const shown = JSON.parse((await tfOk(ws, ['show', '-json'])).stdout);
  const inState = (shown.values?.root_module?.resources ?? []).filter((r: any) => r.type === 'sps_user_list').map((r: any) => r.values.id).sort();
  const admin = await adminSession(simulator.url);
  const listed = (await admin.call('GET', USER_LISTS)).json.items.map((i: any) => i.key).filter((k: string) => !k.startsWith('-')).sort();
  expect(listed).toEqual(inState);
  return inState;
}

it('a commit failure mid-group leaves nothing committed, and the state matches', async () => {
  ws.write({ 'main.tf': userLists(4) });
  // The group's commit fails, then each member alone: the appliance refuses every commit.
  simulator.injectFault({ kind: 'reject-commit', count: 100 });
  const failed = await tf(ws, ['apply', '-auto-approve', '-no-color']);
  expect(failed.code).toBe(1);
  expect(failed.stderr).toMatch(/rejected the commit/);
  expect(await expectStateMatchesAppliance()).toEqual([]);
  expect(simulator.counters().commits).toBe(0);

  // Only the culprit fails: one rejected commit after the group's fails a single member.
  simulator.clearFaults();
  simulator.injectFault({ kind: 'reject-commit', count: 2 });
  const partly = await tf(ws, ['apply', '-auto-approve', '-no-color']);
  expect(partly.code).toBe(1);
  expect((partly.stderr.match(/Error:/g) ?? []).length).toBe(1);
  expect(await expectStateMatchesAppliance()).toHaveLength(3);

  simulator.clearFaults();
  await tfOk(ws, ['apply', '-auto-approve']);
  expect(await expectStateMatchesAppliance()).toHaveLength(4);
});

it('waits while another admin holds the lock and goes on once it is released', async () => {
  ws.write({ 'main.tf': userLists(2) });
  simulator.holdLock('web-ui-admin');
  const apply = tfOk(ws, ['apply', '-auto-approve']);
  // A second attempt at opening the transaction means the provider is in the lock wait.
  await waitFor('the provider waits for the lock', () => (simulator.counters().requests['POST /api/transaction'] ?? 0) >= 2, 60_000);
  expect(simulator.counters().commits).toBe(0);
  simulator.releaseLock();
  await apply;
  expect(await expectStateMatchesAppliance()).toHaveLength(2);
  expect(simulator.counters().commits).toBeGreaterThan(0);
});

it('fails with the holder\'s name when the lock is held beyond lock_timeout', async () => {
  ws.write({ 'provider.tf': providerConfig('1s'), 'main.tf': userLists(1) });
  simulator.holdLock('web-ui-admin');
  const result = await tf(ws, ['apply', '-auto-approve', '-no-color']);
  expect(result.code).toBe(1);
  expect(result.stderr.replace(/\s+/g, ' ')).toMatch(/web-ui-admin/);
  expect(await expectStateMatchesAppliance()).toEqual([]);
});

it('survives its session expiring mid-apply', async () => {
  ws.write({ 'main.tf': userLists(3) });
  // Hold the first write back, and end every session while it waits.
  simulator.injectFault({ kind: 'delay', delayMs: 600, method: 'POST', path: USER_LISTS });
  const apply = tfOk(ws, ['apply', '-auto-approve']);
  // The poll runs in this process, as the simulator's delay does, so it sees the write arrive before the delay ends.
  await waitFor('the provider sends its first write', () => (simulator.counters().requests[`POST ${USER_LISTS}`] ?? 0) > 0);
  const loginsBefore = simulator.counters().logins;
  expect(simulator.expireSessions()).toBeGreaterThan(0);
  await apply;
  expect(simulator.counters().logins).toBeGreaterThan(loginsBefore); // the provider logged in again
  expect(await expectStateMatchesAppliance()).toHaveLength(3);
});

it('rides out bursts of 5xx and 429 answers', async () => {
  ws.write({ 'main.tf': userLists(3) });
  simulator.injectFault({ kind: 'status', status: 503, count: 2 });
  simulator.injectFault({ kind: 'retry-after', retryAfterSeconds: 1, count: 2 }); // 4 failures in a row: within the default 6 attempts
  await tfOk(ws, ['apply', '-auto-approve']);
  expect(await expectStateMatchesAppliance()).toHaveLength(3);
  simulator.injectFault({ kind: 'status', status: 500, count: 2, method: 'GET' });
  await tfOk(ws, ['plan', '-detailed-exitcode'], 0);
});

it('rides out dropped connections on every request kind: open, create, commit, read, replace, delete', async () => {
  ws.write({ 'main.tf': userLists(2) });
  simulator.injectFault({ kind: 'drop', method: 'POST', path: '/api/transaction' });
  simulator.injectFault({ kind: 'drop', method: 'POST', path: USER_LISTS });
  simulator.injectFault({ kind: 'drop', method: 'PUT', path: '/api/transaction' });
  await tfOk(ws, ['apply', '-auto-approve']);
  expect(await expectStateMatchesAppliance()).toHaveLength(2);
  simulator.injectFault({ kind: 'drop', method: 'GET', path: USER_LISTS });
  simulator.injectFault({ kind: 'drop', method: 'PUT', path: USER_LISTS });
  ws.write({ 'main.tf': userLists(2).replace('"user0"', '"user0", "extra"') });
  await tfOk(ws, ['apply', '-auto-approve']);
  simulator.injectFault({ kind: 'drop', method: 'DELETE', path: USER_LISTS });
  simulator.injectFault({ kind: 'drop', method: 'DELETE', path: '/api/authentication' });
  await tfOk(ws, ['destroy', '-auto-approve']);
  expect(await expectStateMatchesAppliance()).toEqual([]);
});

it('refuses a lost update: an object changed between plan and apply is not overwritten', async () => {
  ws.write({ 'main.tf': userLists(1) });
  await tfOk(ws, ['apply', '-auto-approve']);
  const [key] = await expectStateMatchesAppliance();
  ws.write({ 'main.tf': userLists(1).replace('["user0"]', '["user0", "extra"]') });
  await tfOk(ws, ['plan', '-out', 'change.tfplan'], 0);
  const admin = await adminSession(simulator.url);
  await admin.commitChange('PUT', `${USER_LISTS}/${key}`, { name: 'list-0', allow: 'all_users', except: ['user0'] });
  const result = await tf(ws, ['apply', '-no-color', 'change.tfplan']);
  expect(result.code).toBe(1);
  expect(result.stderr.replace(/\s+/g, ' ')).toMatch(/changed|modified/i);
  // The other admin's change stands.
  expect((await admin.body(`${USER_LISTS}/${key}`)).allow).toBe('all_users');
});

it('an apply of updates reads fewer objects than it updates, and still refuses the one changed since the plan (lost-update check from the change list)', async () => {
  const count = 10;
  const withExtra = userLists(count).replace(/except = \["(user\d+)"\]/g, 'except = ["$1", "extra"]');
  ws.write({ 'main.tf': userLists(count) });
  await tfOk(ws, ['apply', '-auto-approve']);
  const keys = await expectStateMatchesAppliance();
  ws.write({ 'main.tf': withExtra });
  await tfOk(ws, ['plan', '-out', 'change.tfplan'], 0);
  simulator.resetCounters();
  await tfOk(ws, ['apply', 'change.tfplan']);
  // Before: one read of each object inside its transaction (10). Now the change list checks a
  // transaction's updates in one request, and only its first update reads until the list has proved itself.
  const requests = simulator.counters().requests;
  expect(requests[`PUT ${USER_LISTS}/{key}`]).toBe(count);
  expect((requests[`GET ${USER_LISTS}/{key}`] ?? 0) + (requests['GET /api/transaction/changes'] ?? 0)).toBeLessThan(count);

  // Another administrator changes one of them after the next plan: only that update is refused.
  ws.write({ 'main.tf': userLists(count) });
  await tfOk(ws, ['plan', '-out', 'change.tfplan'], 0);
  const shown = JSON.parse((await tfOk(ws, ['show', '-json'])).stdout);
  const changedKey = shown.values.root_module.resources.find((r: any) => r.name === 'l7').values.id as string;
  const admin = await adminSession(simulator.url);
  await admin.commitChange('PUT', `${USER_LISTS}/${changedKey}`, { name: 'list-7', allow: 'all_users', except: ['user7', 'extra'] });
  const result = await tf(ws, ['apply', '-no-color', 'change.tfplan']);
  expect(result.code).toBe(1);
  const errors = result.stderr.replace(/\s+/g, ' ').match(/Error: [^│]*/g) ?? [];
  expect(errors).toHaveLength(1);
  expect(errors[0]).toMatch(new RegExp(`key ${changedKey} was modified on the appliance after the plan`));
  expect(await admin.body(`${USER_LISTS}/${changedKey}`)).toEqual({ name: 'list-7', allow: 'all_users', except: ['user7', 'extra'] });
  for (const key of keys.filter((k) => k !== changedKey)) expect((await admin.body(`${USER_LISTS}/${key}`)).except).not.toContain('extra');

  // A destroy reads each object once, at its refresh. Before: again inside the transaction, and once
  // more to learn every name of the collection, which a delete needs no more than a create does.
  simulator.resetCounters();
  await tfOk(ws, ['destroy', '-auto-approve']);
  expect(await expectStateMatchesAppliance()).toEqual([]);
  expect(simulator.counters().requests[`GET ${USER_LISTS}/{key}`]).toBeLessThan(2 * count);
});
