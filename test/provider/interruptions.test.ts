/**
 * Interrupted applies: the provider killed with SIGKILL, and Ctrl-C (Terraform's StopProvider).
 * Afterwards Terraform's state and the appliance agree, and the next apply converges with no
 * duplicate and no orphaned object.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import type { SimulatorHandle } from '../../src/simulator';
import { adminSession, startTestSimulator } from '../support/simulator';
import { makeWorkspace, PROVIDER_BLOCK, tfOk, type Workspace } from '../support/terraform';
import { deadline, waitFor } from '../support/wait';

jest.setTimeout(deadline(180_000));

const USER_LISTS = '/api/configuration/policies/userlists';
let simulator: SimulatorHandle;
let ws: Workspace;

beforeEach(async () => {
  // A crashed provider leaves its transaction open; the appliance cancels it when idle.
  simulator = await startTestSimulator({ transactionIdleSeconds: 2 });
  ws = makeWorkspace({
    files: {
      'provider.tf': `${PROVIDER_BLOCK}\nprovider "sps" {\n  url = "${simulator.url}"\n  username = "admin"\n  password = "admin"\n  lock_timeout = "30s"\n}\n`,
      'main.tf': Array.from({ length: 5 }, (_, i) => `resource "sps_user_list" "l${i}" {\n  name  = "list-${i}"\n  allow = "no_user"\n}\n`).join('\n'),
    },
  });
  await tfOk(ws, ['init', '-input=false']);
});
afterEach(async () => {
  ws.cleanup();
  await simulator.close();
});

function startApply(): { child: ChildProcess; done: Promise<number | null> } {
  const child = spawn('terraform', ['apply', '-auto-approve', '-no-color', '-input=false'], { cwd: ws.dir, env: { ...process.env, ...ws.env } });
  child.stdout.resume();
  child.stderr.resume();
  return { child, done: new Promise((resolve) => child.on('exit', resolve)) };
}

/** User lists (built-ins aside) on the appliance and in the state; they must match, without duplicates. */
async function expectConverged(): Promise<void> {
  await tfOk(ws, ['apply', '-auto-approve']);
  const shown = JSON.parse((await tfOk(ws, ['show', '-json'])).stdout);
  const inState = shown.values.root_module.resources.map((r: any) => r.values.id).sort();
  const admin = await adminSession(simulator.url);
  const keys = await admin.customKeys(USER_LISTS);
  const names = await Promise.all(keys.map(async (k: string) => (await admin.body(`${USER_LISTS}/${k}`)).name));
  expect(keys.sort()).toEqual(inState);
  expect(new Set(names).size).toBe(names.length);
  expect(names.sort()).toEqual(['list-0', 'list-1', 'list-2', 'list-3', 'list-4']);
  await tfOk(ws, ['plan', '-detailed-exitcode'], 0);
}

it('converges after the provider is killed with SIGKILL mid-apply', async () => {
  simulator.injectFault({ kind: 'delay', delayMs: 1500, method: 'POST', path: USER_LISTS, count: 5 });
  const { child, done } = startApply();
  // Wait until the provider has sent a write, then kill it: only this terraform's provider, since
  // other tests run their own providers at the same time.
  await waitFor('the provider sends a write', () => (simulator.counters().requests[`POST ${USER_LISTS}`] ?? 0) > 0);
  const pids = execFileSync('pgrep', ['-P', String(child.pid), '-f', 'terraform-provider-sps_v']).toString().trim().split('\n').map(Number);
  expect(pids.length).toBeGreaterThan(0);
  for (const pid of pids) process.kill(pid, 'SIGKILL');
  expect(await done).not.toBe(0);
  expect(simulator.counters().commits).toBe(0); // nothing was half committed
  await expectConverged();
});

it('stops cleanly on Ctrl-C (StopProvider) and converges on the next apply', async () => {
  simulator.injectFault({ kind: 'delay', delayMs: 1500, method: 'POST', path: USER_LISTS, count: 5 });
  const { child, done } = startApply();
  await waitFor('the provider sends a write', () => (simulator.counters().requests[`POST ${USER_LISTS}`] ?? 0) > 0);
  child.kill('SIGINT');
  await done;
  // Whatever was committed before the interrupt is in the state; nothing else is on the appliance.
  const shown = JSON.parse((await tfOk(ws, ['show', '-json'])).stdout);
  const inState = (shown.values?.root_module?.resources ?? []).map((r: any) => r.values.id).sort();
  const admin = await adminSession(simulator.url);
  // The provider commits or rolls back as it stops; failing that, the appliance cancels the idle transaction (a rollback too).
  await waitFor('the open transaction is committed or rolled back', () => simulator.counters().rollbacks + simulator.counters().commits > 0, 10_000);
  const keys = (await admin.customKeys(USER_LISTS)).sort();
  expect(keys).toEqual(inState);
  await expectConverged();
});

it('Ctrl-C while waiting for the configuration lock: terraform exits within seconds, nothing is written', async () => {
  // A lock that does not expire while its holder is idle, unlike the other tests' appliance.
  await simulator.close();
  simulator = await startTestSimulator();
  ws.write({ 'provider.tf': `${PROVIDER_BLOCK}\nprovider "sps" {\n  url = "${simulator.url}"\n  username = "admin"\n  password = "admin"\n  lock_timeout = "10m"\n}\n` });
  simulator.holdLock('alice');
  // Detached, and the signal goes to the whole process group, as a terminal's Ctrl-C does.
  const child = spawn('terraform', ['apply', '-auto-approve', '-no-color', '-input=false'], { cwd: ws.dir, env: { ...process.env, ...ws.env }, detached: true });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const done = new Promise<number | null>((resolve) => child.on('exit', resolve));
  // A second attempt at opening the transaction means the provider is in the lock wait.
  await waitFor('the provider waits for the lock', () => (simulator.counters().requests['POST /api/transaction'] ?? 0) >= 2, 60_000);
  process.kill(-child.pid!, 'SIGINT');
  let timer: NodeJS.Timeout | undefined;
  const exited = await Promise.race([done.then(() => true), new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), deadline(10_000))))]);
  clearTimeout(timer);
  if (!exited) process.kill(-child.pid!, 'SIGKILL');
  expect({ exitedWithin10s: exited, output: exited ? '' : output }).toEqual({ exitedWithin10s: true, output: '' });
  expect(await done).not.toBe(0);
  expect(output).not.toMatch(/crashed/);
  simulator.releaseLock();
  expect(simulator.counters().commits).toBe(0);
  const shown = JSON.parse((await tfOk(ws, ['show', '-json'])).stdout);
  expect(shown.values?.root_module?.resources ?? []).toEqual([]);
  const admin = await adminSession(simulator.url);
  expect(await admin.customKeys(USER_LISTS)).toEqual([]);
  await expectConverged();
});

it('terraform killed with SIGKILL during a lock wait: its provider exits too, and commits nothing', async () => {
  await simulator.close();
  simulator = await startTestSimulator();
  ws.write({ 'provider.tf': `${PROVIDER_BLOCK}\nprovider "sps" {\n  url = "${simulator.url}"\n  username = "admin"\n  password = "admin"\n  lock_timeout = "10m"\n}\n` });
  simulator.holdLock('alice');
  const { child, done } = startApply();
  await waitFor('the provider waits for the lock', () => (simulator.counters().requests['POST /api/transaction'] ?? 0) >= 2, 60_000);
  const providers = execFileSync('pgrep', ['-P', String(child.pid), '-f', 'terraform-provider-sps_v']).toString().trim().split('\n').map(Number);
  expect(providers.length).toBeGreaterThan(0);
  child.kill('SIGKILL');
  await done;
  const alive = (pid: number) => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  await waitFor('the orphaned provider exits', () => providers.every((pid) => !alive(pid)), 15_000);
  simulator.releaseLock();
  expect(simulator.counters().commits).toBe(0);
  const admin = await adminSession(simulator.url);
  expect(await admin.customKeys(USER_LISTS)).toEqual([]);
});
