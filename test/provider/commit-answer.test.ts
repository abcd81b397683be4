/**
 * A commit answered by something that is not the appliance (a captive portal's or a proxy's HTML
 * page with status 200), through the real terraform CLI: never taken for a success. Whether the
 * commit happened is settled against the appliance, and the state always agrees with it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SimulatorHandle } from '../../src/simulator';
import { adminSession, startTestSimulator } from '../support/simulator';
import { makeWorkspace, PROVIDER_BLOCK, tf, tfOk, type Workspace } from '../support/terraform';
import { deadline } from '../support/wait';

jest.setTimeout(deadline(180_000));

const USER_LISTS = '/api/configuration/policies/userlists';
const CAPTIVE_PORTAL = { kind: 'impostor', method: 'PUT', path: '/api/transaction', status: 200, contentType: 'text/html; charset=utf-8', body: '<html>captive portal</html>' } as const;
let simulator: SimulatorHandle;
let ws: Workspace;

beforeEach(async () => {
  simulator = await startTestSimulator();
  ws = makeWorkspace({
    files: {
      'provider.tf': `${PROVIDER_BLOCK}\nprovider "sps" {\n  url      = "${simulator.url}"\n  username = "admin"\n  password = "admin"\n}\n`,
      'main.tf': Array.from({ length: 3 }, (_, i) => `resource "sps_user_list" "l${i}" {\n  name   = "list-${i}"\n  allow  = "no_user"\n  except = ["user${i}"]\n}\n`).join('\n'),
    },
  });
  await tfOk(ws, ['init', '-input=false']);
});
afterEach(async () => {
  ws.cleanup();
  await simulator.close();
});

/** The user lists in Terraform's state and on the appliance (built-ins aside), as {key: name}. */
async function stateAndAppliance(): Promise<{ state: Record<string, string>; appliance: Record<string, string> }> {
  const shown = JSON.parse((await tfOk(ws, ['show', '-json'])).stdout);
  const resources: Array<{ type: string; values: { id: string; name: string } }> = shown.values?.root_module?.resources ?? [];
  const state = Object.fromEntries(resources.filter((r) => r.type === 'sps_user_list').map((r) => [r.values.id, r.values.name]));
  const admin = await adminSession(simulator.url);
  const keys = await admin.customKeys(USER_LISTS);
  const appliance = Object.fromEntries(await Promise.all(keys.map(async (key) => [key, (await admin.body(`${USER_LISTS}/${key}`)).name])));
  return { state, appliance };
}

it('a commit answered by an HTML 200 page without reaching the appliance fails the apply: nothing committed, nothing in state', async () => {
  simulator.injectFault({ ...CAPTIVE_PORTAL, count: 1000 });
  const result = await tf(ws, ['apply', '-auto-approve', '-no-color']);
  expect(result.code).toBe(1);
  const errors = result.stderr.replace(/\s+/g, ' ');
  expect(errors).toMatch(/\(200, text\/html; charset=utf-8, 27 bytes\) is not the appliance's answer to a commit/);
  expect(errors).toMatch(/nothing was committed/);
  expect(errors).not.toMatch(/captive portal/);
  expect((result.stderr.match(/Error:/g) ?? []).length).toBe(3);
  expect(simulator.counters().commits).toBe(0);
  expect(simulator.counters().requests['PUT /api/transaction']).toBeGreaterThan(1);
  expect(await stateAndAppliance()).toEqual({ state: {}, appliance: {} });
});

it('a commit that went through but was answered by an HTML 200 page is settled by reading back: success, state == appliance', async () => {
  simulator.injectFault({ ...CAPTIVE_PORTAL, count: 1, handled: true });
  const log = join(ws.dir, 'provider.log');
  await tfOk(ws, ['apply', '-auto-approve'], 0, { env: { TF_LOG_PROVIDER: 'INFO', TF_LOG_PATH: log } });
  // Not taken for a success on its face: the provider found the transaction closed and its changes on the appliance.
  expect(readFileSync(log, 'utf8')).toMatch(/\[INFO\] +provider\.terraform-provider-sps[^:]*: the answer to a commit was lost, but the transaction is closed and its changes are committed/);
  const commits = simulator.counters().commits;
  // The replaced answer was the first commit's: it happened once, and no change was written twice.
  expect(simulator.counters().requests['PUT /api/transaction']).toBe(commits);
  const { state, appliance } = await stateAndAppliance();
  expect(state).toEqual(appliance);
  expect(Object.values(appliance).sort()).toEqual(['list-0', 'list-1', 'list-2']);
  await tfOk(ws, ['plan', '-detailed-exitcode'], 0);
});
