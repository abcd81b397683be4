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
