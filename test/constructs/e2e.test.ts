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
  expect(plan.stdout).toMatch(/6 to add, 0 to change, 0 to destroy/);
  await tfOk(ws, ['apply', 'plan.tfplan']);

  const admin = await adminSession(simulator.url);
  const bodies = async (path: string) => {
    const keys = (await admin.call('GET', path)).json.items.map((i: any) => i.key).filter((k: string) => !k.startsWith('-'));
    return Promise.all(keys.map((k: string) => admin.body(`${path}/${k}`)));
  };
  const lists = await bodies('/api/configuration/policies/userlists');
  expect(lists.map((l: any) => l.name).sort()).toEqual(['database_admins', 'deployers', 'no_root_logins']);
  expect(lists.find((l: any) => l.name === 'no_root_logins')).toMatchObject({ allow: 'all_users', except: ['root'] });
  const connections = await bodies('/api/configuration/http/connections');
  expect(connections.map((c: any) => c.name).sort()).toEqual(['http_proxy', 'intranet_portal']);
  for (const connection of connections) {
    expect(connection.policies.channel_policy.key).toBe('-304001002');
    expect(connection.policies.authentication_policy.key).toBe('-304002001');
  }
  const clients = await bodies('/api/configuration/aaa/api_clients');
  expect(clients).toEqual([expect.objectContaining({ name: 'siem-log-export', scopes: ['logs'] })]);
  expect(simulator.commits().map((c) => c.message)).toEqual(['https://git.example.com/pr/7']);

  await tfOk(ws, ['plan', '-detailed-exitcode'], 0);
  await tfOk(ws, ['destroy', '-auto-approve']);
  expect(await bodies('/api/configuration/http/connections')).toEqual([]);
});
