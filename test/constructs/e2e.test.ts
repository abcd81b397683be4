/**
 * The GitOps example end to end: the real `cdktf synth`, then terraform init/plan/apply on the
 * synthesized stack against the simulator, then the appliance's committed configuration.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { SimulatorHandle } from '../../src/simulator';
import { adminSession, startTestSimulator } from '../support/simulator';
import { makeWorkspace, tfOk, type Workspace } from '../support/terraform';
import { deadline } from '../support/wait';

jest.setTimeout(deadline(240_000));

let simulator: SimulatorHandle;
let ws: Workspace;
const outdir = mkdtempSync(join(tmpdir(), 'sps-cdktf-'));

beforeAll(async () => {
  simulator = await startTestSimulator();
});
afterAll(async () => {
  ws?.cleanup();
  rmSync(outdir, { recursive: true, force: true });
  await simulator.close();
});

it('synthesizes, plans and deploys the example, and the appliance holds what it declares', async () => {
  await promisify(execFile)('npx', ['cdktf', 'synth', '--output', outdir], {
    cwd: join(__dirname, '../..'),
    // The example's local state goes to the temporary directory, never into the checkout.
    env: { ...process.env, CHECKPOINT_DISABLE: '1', SPS_LOCAL_STATE: join(outdir, 'appliance.tfstate') },
  });
  const stackJson = readFileSync(join(outdir, 'stacks/appliance/cdk.tf.json'), 'utf8');
  ws = makeWorkspace({
    files: { 'cdk.tf.json': stackJson },
    // The provider reads the commit message when it runs (CI sets it to the pull request's URL).
    env: { SPS_URL: simulator.url, SPS_USERNAME: 'admin', SPS_PASSWORD: 'admin', SPS_COMMIT_MESSAGE: 'https://git.example.com/pr/7' },
  });
  await tfOk(ws, ['init', '-input=false']);
  const plan = await tfOk(ws, ['plan', '-input=false', '-out=plan.tfplan']);
  expect(plan.stdout).toMatch(/11 to add, 0 to change, 0 to destroy/);
  await tfOk(ws, ['apply', 'plan.tfplan']);

  const admin = await adminSession(simulator.url);
  const bodies = async (path: string) => {
    const keys = (await admin.call('GET', path)).json.items.map((i: any) => i.key).filter((k: string) => !k.startsWith('-'));
    return Promise.all(keys.map((k: string) => admin.body(`${path}/${k}`)));
  };
  const lists = await bodies('/api/configuration/policies/userlists');
  expect(lists.map((l: any) => l.name).sort()).toEqual(['database_admins', 'deployers', 'no_root_logins', 'operators']);
  expect(lists.find((l: any) => l.name === 'no_root_logins')).toMatchObject({ allow: 'all_users', except: ['root'] });
  const connections = await bodies('/api/configuration/http/connections');
  expect(connections.map((c: any) => c.name).sort()).toEqual(['http_proxy', 'intranet_portal']);
  for (const connection of connections) expect(connection.policies.authentication_policy.key).toBe('-304002001');
  // The access chain: the operators may use the intranet portal and the Linux servers' shells during office hours.
  const [timePolicy] = await bodies('/api/configuration/policies/time_policies');
  expect(timePolicy).toMatchObject({ name: 'office_hours', Mon: [['7:00', '19:00']], Fri: [['7:00', '19:00']], Sat: [], Sun: [] });
  const [webKey] = (await admin.call('GET', '/api/configuration/http/channel_policies')).json.items.map((i: any) => i.key).filter((k: string) => !k.startsWith('-'));
  const web = await admin.body(`/api/configuration/http/channel_policies/${webKey}`);
  expect(web).toMatchObject({ name: 'operators_web', rules: [{ channel: 'http', allowed_for: { remote_groups: ['operators'] } }] });
  expect(connections.find((c: any) => c.name === 'intranet_portal').policies.channel_policy.key).toBe(webKey);
  expect(connections.find((c: any) => c.name === 'http_proxy').policies.channel_policy.key).toBe('-304001002');
  const [ssh] = await bodies('/api/configuration/ssh/connections');
  const shell = await admin.body(`/api/configuration/ssh/channel_policies/${ssh.policies.channel_policy.key}`);
  expect({ connection: ssh.name, channelPolicy: shell.name, rules: shell.rules }).toMatchObject({ connection: 'linux_servers', channelPolicy: 'operators_shell', rules: [{ channel: 'session-shell', allowed_for: { remote_groups: ['operators'] } }] });
  const clients = await bodies('/api/configuration/aaa/api_clients');
  expect(clients).toEqual([expect.objectContaining({ name: 'siem-log-export', scopes: ['logs'] })]);
  // One group commit per wave of the dependency graph, each with the pull request's URL.
  expect(simulator.commits().length).toBeGreaterThan(0);
  expect(new Set(simulator.commits().map((c) => c.message))).toEqual(new Set(['https://git.example.com/pr/7']));

  await tfOk(ws, ['plan', '-detailed-exitcode'], 0);
  await tfOk(ws, ['destroy', '-auto-approve']);
  expect(await bodies('/api/configuration/http/connections')).toEqual([]);
});
