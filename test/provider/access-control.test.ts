/**
 * Issue 23's done-means, on examples/access-control as a user runs it: the real terraform CLI
 * applies a user list and a time policy wired into HTTP, SSH and RDP channel policies and their
 * connection policies; the appliance holds the list's name and the time policy's key; a second
 * plan is clean; changing the list changes only the list; destroy leaves only the built-ins.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SimulatorHandle } from '../../src/simulator';
import { adminSession, startTestSimulator } from '../support/simulator';
import { makeWorkspace, tfOk, type Workspace } from '../support/terraform';
import { deadline } from '../support/wait';

jest.setTimeout(deadline(300_000));

const EXAMPLE = join(__dirname, '..', '..', 'examples', 'access-control');
const COLLECTIONS = [
  '/api/configuration/policies/userlists',
  '/api/configuration/policies/time_policies',
  '/api/configuration/ssh/channel_policies',
  '/api/configuration/http/channel_policies',
  '/api/configuration/rdp/channel_policies',
  '/api/configuration/ssh/connections',
  '/api/configuration/http/connections',
  '/api/configuration/rdp/connections',
];

let simulator: SimulatorHandle;
let ws: Workspace;

beforeAll(async () => {
  simulator = await startTestSimulator();
  const file = (name: string) => readFileSync(join(EXAMPLE, name), 'utf8');
  ws = makeWorkspace({ files: { 'main.tf': file('main.tf'), 'provider.tf': file('provider.tf') }, env: { SPS_URL: simulator.url, SPS_USERNAME: 'admin', SPS_PASSWORD: 'admin' } });
  await tfOk(ws, ['init', '-input=false']);
});

afterAll(async () => {
  ws?.cleanup();
  await simulator?.close();
});

it('applies the access chains, plans clean, changes only the list, and destroys to the built-ins', async () => {
  const admin = await adminSession(simulator.url);
  const apply = await tfOk(ws, ['apply', '-auto-approve', '-no-color']);
  expect(apply.stdout).toMatch(/Apply complete! Resources: 8 added, 0 changed, 0 destroyed/);
  // Seed 002: user lists in allowed_for need gateway authentication, which the provider does not manage; each channel policy's plan says so once.
  const advice = /The (SSH|HTTP|RDP) channel policy's rules\[0\]\.allowed_for\.remote_groups names the user list "operators"/g;
  expect(`${apply.stdout}${apply.stderr}`.match(advice)?.map((line) => line.split(' ')[1]).sort()).toEqual(['HTTP', 'RDP', 'SSH']);
  expect(apply.stdout).toMatch(/gateway authentication/);

  const state = JSON.parse((await tfOk(ws, ['show', '-json'])).stdout).values.root_module.resources as Array<{ address: string; values: Record<string, any> }>;
  const id = (address: string) => state.find((r) => r.address === address)!.values.id as string;
  const timePolicyKey = id('sps_time_policy.weekdays');
  for (const [protocol, address] of [['ssh', 'sps_ssh_channel_policy.operators_shell'], ['http', 'sps_http_channel_policy.operators_web'], ['rdp', 'sps_rdp_channel_policy.operators_desktop']]) {
    const stored = await admin.body(`/api/configuration/${protocol}/channel_policies/${id(address)}`);
    expect(stored.rules[0].allowed_for.remote_groups).toEqual(['operators']);
    // Reads embed references as { key, meta }.
    expect(stored.rules[0].time_policy).toMatchObject({ key: timePolicyKey });
  }
  expect((await admin.body(`/api/configuration/ssh/connections/${id('sps_ssh_connection_policy.linux')}`)).policies.channel_policy).toMatchObject({ key: id('sps_ssh_channel_policy.operators_shell') });

  await tfOk(ws, ['plan', '-detailed-exitcode'], 0);

  ws.write({ 'main.tf': readFileSync(join(EXAMPLE, 'main.tf'), 'utf8').replace('except = ["alice", "bob", "carol"]', 'except = ["alice", "carol"]') });
  const change = await tfOk(ws, ['plan', '-detailed-exitcode', '-no-color'], 2);
  expect(change.stdout).toMatch(/Plan: 0 to add, 1 to change, 0 to destroy/);
  expect(change.stdout).toMatch(/sps_user_list\.operators will be updated in-place/);
  // The channel policies keep the list: no advice again.
  expect(`${change.stdout}${change.stderr}`).not.toMatch(advice);
  await tfOk(ws, ['apply', '-auto-approve']);
  expect((await admin.body(`/api/configuration/policies/userlists/${id('sps_user_list.operators')}`)).except).toEqual(['alice', 'carol']);

  await tfOk(ws, ['destroy', '-auto-approve']);
  for (const collection of COLLECTIONS) expect({ collection, keys: await admin.customKeys(collection) }).toEqual({ collection, keys: [] });
});
