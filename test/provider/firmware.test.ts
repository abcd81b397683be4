/**
 * The provider against every simulated firmware version, through the real terraform CLI: the
 * three resources' lifecycle, a commit log the appliance requires, and fields a newer firmware
 * added, which an update must keep.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type SimulatorHandle, SPS_VERSIONS } from '../../src/simulator';
import { adminSession, startTestSimulator } from '../support/simulator';
import { makeWorkspace, PROVIDER_BLOCK, tf, tfOk, type Workspace } from '../support/terraform';
import { deadline } from '../support/wait';

jest.setTimeout(deadline(240_000));

const USER_LISTS = '/api/configuration/policies/userlists';
const CONNECTIONS = '/api/configuration/http/connections';
const API_CLIENTS = '/api/configuration/aaa/api_clients';

let simulator: SimulatorHandle;
let ws: Workspace | undefined;
afterEach(async () => {
  ws?.cleanup();
  ws = undefined;
  await simulator?.close();
});

function provider(options: { commitMessage?: string } = {}): string {
  const message = options.commitMessage === undefined ? '' : `  commit_message = "${options.commitMessage}"\n`;
  return `${PROVIDER_BLOCK}\nprovider "sps" {\n  url      = "${simulator.url}"\n  username = "admin"\n  password = "admin"\n${message}}\n`;
}

/** One of each resource; `variant` changes one managed attribute of each. */
function resources(variant: 'initial' | 'updated'): string {
  const updated = variant === 'updated';
  return `
resource "sps_user_list" "ops" {
  name   = "ops"
  allow  = "no_user"
  except = ${updated ? '["alice", "bob"]' : '["alice"]'}
}

resource "sps_http_connection_policy" "portal" {
  name           = "portal"
  network        = { clients = ["10.0.0.0/8"], targets = ["10.1.1.1"], ports = [${updated ? 8443 : 443}] }
  server_address = { selection = "fix", address = "portal.example.com", port = 443 }
  policies       = { channel_policy = "-304001002", settings = "-3040010", audit_policy = "-10000", authentication_policy = "-304002001" }
}

resource "sps_api_client" "siem" {
  name       = "siem"
  scopes     = ${updated ? '["logs", "sessions"]' : '["logs"]'}
  applies_to = { selection = "all" }
}
`;
}

async function workspace(files: Record<string, string>, env: Record<string, string> = {}): Promise<Workspace> {
  ws = makeWorkspace({ files, env });
  await tfOk(ws, ['init', '-input=false']);
  return ws;
}

async function keysOf(workspace: Workspace): Promise<Record<string, string>> {
  const state = JSON.parse((await tfOk(workspace, ['show', '-json'])).stdout);
  return Object.fromEntries(state.values.root_module.resources.map((r: { type: string; values: { id: string } }) => [r.type, r.values.id]));
}

describe.each(SPS_VERSIONS)('SPS %s', (spsVersion) => {
  it('creates, updates, plans no changes and destroys every resource', async () => {
    simulator = await startTestSimulator({ spsVersion, autoApproveApiClients: true });
    const admin = await adminSession(simulator.url);
    const w = await workspace({ 'provider.tf': provider({ commitMessage: `acceptance ${spsVersion}` }), 'main.tf': resources('initial') });
    await tfOk(w, ['apply', '-auto-approve']);
    const keys = await keysOf(w);
    expect((await admin.body(`${USER_LISTS}/${keys.sps_user_list}`)).except).toEqual(['alice']);

    w.write({ 'main.tf': resources('updated') });
    expect((await tfOk(w, ['apply', '-auto-approve'])).stdout).toMatch(/0 added, 3 changed, 0 destroyed/);
    expect((await admin.body(`${USER_LISTS}/${keys.sps_user_list}`)).except).toEqual(['alice', 'bob']);
    expect((await admin.body(`${CONNECTIONS}/${keys.sps_http_connection_policy}`)).network.ports).toEqual([8443]);
    expect((await admin.body(`${API_CLIENTS}/${keys.sps_api_client}`)).scopes).toEqual(['logs', 'sessions']);

    expect((await tfOk(w, ['plan', '-detailed-exitcode'], 0)).stdout).toMatch(/No changes/);
    await tfOk(w, ['destroy', '-auto-approve']);
    expect(await admin.body(`${USER_LISTS}/${keys.sps_user_list}`)).toBeUndefined();
    expect(simulator.commits().map((c) => c.message)).toEqual([`acceptance ${spsVersion}`, `acceptance ${spsVersion}`, `acceptance ${spsVersion}`]);
  });
});

describe('an appliance that requires a commit log', () => {
  for (const spsVersion of ['7.0', '7.5'] as const) {
    it(`SPS ${spsVersion}: an apply without commit_message fails before any write, naming commit_message and SPS_COMMIT_MESSAGE`, async () => {
      simulator = await startTestSimulator({ spsVersion });
      const admin = await adminSession(simulator.url);
      await admin.commitChange('PUT', '/api/configuration/management/accounting', { require_commitlog: true });
      simulator.resetCounters();
      const w = await workspace({ 'provider.tf': provider(), 'main.tf': resources('initial') }, { SPS_COMMIT_MESSAGE: '' });
      const failed = await tf(w, ['apply', '-auto-approve', '-no-color']);
      expect(failed.code).toBe(1);
      expect(failed.stderr.replace(/\s+/g, ' ')).toMatch(/requires a message with every commit .* set commit_message in the provider block or SPS_COMMIT_MESSAGE .* Nothing was changed/);
      const writes = Object.entries(simulator.counters().requests).filter(([request]) => /^(POST|PUT|DELETE) \/api\/configuration\//.test(request));
      expect(writes).toEqual([]);

      // With a message (here from the environment) the same apply goes through.
      const applied = await tf(w, ['apply', '-auto-approve', '-no-color'], { env: { SPS_COMMIT_MESSAGE: 'https://git.example.com/pr/9' } });
      expect(applied.code).toBe(0);
      expect(simulator.commits().at(-1)?.message).toBe('https://git.example.com/pr/9');
    });
  }
});

it('a firmware upgrade: an update keeps the fields the provider does not know, and the next plan is empty', async () => {
  simulator = await startTestSimulator({ autoApproveApiClients: true });
  const admin = await adminSession(simulator.url);
  const w = await workspace({ 'provider.tf': provider({ commitMessage: 'upgrade test' }), 'main.tf': resources('initial') });
  await tfOk(w, ['apply', '-auto-approve']);
  const keys = await keysOf(w);
  const paths = { sps_user_list: `${USER_LISTS}/${keys.sps_user_list}`, sps_http_connection_policy: `${CONNECTIONS}/${keys.sps_http_connection_policy}`, sps_api_client: `${API_CLIENTS}/${keys.sps_api_client}` };
  // The newer firmware adds fields: top-level, and inside an object the provider manages.
  simulator.addExtraFields(paths.sps_user_list, { description: 'web UI note' });
  simulator.addExtraFields(paths.sps_http_connection_policy, { session_recording: { compress: true }, network: { vlan: 42 } });
  simulator.addExtraFields(paths.sps_api_client, { token_lifetime: 3600 });
  // A refresh sees no difference: the extra fields are not managed.
  expect((await tfOk(w, ['plan', '-detailed-exitcode'], 0)).stdout).toMatch(/No changes/);

  w.write({ 'main.tf': resources('updated') });
  simulator.resetCounters();
  await tfOk(w, ['apply', '-auto-approve']);
  // One PUT each: what the refresh found besides the managed fields is kept with the state, so an
  // update that does not read its object first sends it all the same (no correction before the commit).
  const puts = Object.entries(simulator.counters().requests).filter(([request]) => request.startsWith('PUT /api/configuration/'));
  expect(puts.reduce((sum, [, count]) => sum + count, 0)).toBe(3);
  expect(await admin.body(paths.sps_user_list)).toEqual({ name: 'ops', allow: 'no_user', except: ['alice', 'bob'], description: 'web UI note' });
  const policy = await admin.body(paths.sps_http_connection_policy);
  expect(policy.session_recording).toEqual({ compress: true });
  expect(policy.network).toEqual({ clients: ['10.0.0.0/8'], targets: ['10.1.1.1'], ports: [8443], vlan: 42 });
  const client = await admin.body(paths.sps_api_client);
  expect(client).toMatchObject({ scopes: ['logs', 'sessions'], token_lifetime: 3600 });
  expect((await tfOk(w, ['plan', '-detailed-exitcode'], 0)).stdout).toMatch(/No changes/);
});

it('fields the provider does not know that look like secrets stay out of the state file, and an update keeps them all the same', async () => {
  simulator = await startTestSimulator();
  const admin = await adminSession(simulator.url);
  const w = await workspace({ 'provider.tf': provider({ commitMessage: 'secret fields' }), 'main.tf': resources('initial').split('\nresource "sps_http_connection_policy"')[0] });
  await tfOk(w, ['apply', '-auto-approve']);
  const path = `${USER_LISTS}/${(await keysOf(w)).sps_user_list}`;
  const secret = 'directory-S3cret-value';
  simulator.addExtraFields(path, { description: 'synced', directory: { server: 'ldap.example.com', bind_password: secret } });
  await tfOk(w, ['apply', '-refresh-only', '-auto-approve']);
  const stateFile = readFileSync(join(w.dir, 'terraform.tfstate'), 'utf8');
  const privates = JSON.parse(stateFile).resources.flatMap((r: { instances: { private?: string }[] }) => r.instances.map((i) => Buffer.from(i.private ?? '', 'base64').toString('utf8')));
  expect(privates.join('\n') + stateFile).not.toContain(secret);

  w.write({ 'main.tf': resources('updated').split('\nresource "sps_http_connection_policy"')[0] });
  await tfOk(w, ['apply', '-auto-approve']);
  expect(await admin.body(path)).toEqual({ name: 'ops', allow: 'no_user', except: ['alice', 'bob'], description: 'synced', directory: { server: 'ldap.example.com', bind_password: secret } });
  expect(readFileSync(join(w.dir, 'terraform.tfstate'), 'utf8')).not.toContain(secret);
  expect((await tfOk(w, ['plan', '-detailed-exitcode'], 0)).stdout).toMatch(/No changes/);
});
