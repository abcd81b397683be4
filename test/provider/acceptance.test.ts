/**
 * Acceptance tests in terraform-plugin-framework style, with the real terraform CLI against the
 * simulator, for each resource: create → import-verify → update → no-op plan → drift → destroy.
 */
import type { SimulatorHandle } from '../../src/simulator';
import { SEED_002_HTTP_CONNECTION_POLICY } from '../model/fixtures';
import { adminSession, startTestSimulator } from '../support/simulator';
import { makeWorkspace, PROVIDER_BLOCK, tfOk, type Workspace } from '../support/terraform';

jest.setTimeout(180_000);

let simulator: SimulatorHandle;
const workspaces: Workspace[] = [];

beforeAll(async () => {
  simulator = await startTestSimulator();
});
afterAll(async () => {
  for (const ws of workspaces) ws.cleanup();
  await simulator.close();
});

function providerConfig(): string {
  return `${PROVIDER_BLOCK}
provider "sps" {
  url            = "${simulator.url}"
  username       = "admin"
  password       = "admin"
  commit_message = "acceptance test"
}
`;
}

async function workspace(files: Record<string, string>): Promise<Workspace> {
  const ws = makeWorkspace({ files: { 'provider.tf': providerConfig(), ...files } });
  workspaces.push(ws);
  await tfOk(ws, ['init', '-input=false']);
  return ws;
}

async function stateAttribute(ws: Workspace, address: string, attribute: string): Promise<string> {
  const shown = await tfOk(ws, ['show', '-json']);
  const resource = JSON.parse(shown.stdout).values.root_module.resources.find((r: { address: string }) => r.address === address);
  return resource.values[attribute];
}

interface Lifecycle {
  address: string;
  collection: string;
  config: (variant: 'initial' | 'updated') => string;
  checkCreated: (body: any) => void;
  checkUpdated: (body: any) => void;
  /** An out-of-band change to the body, and the attribute the next plan should show changing. */
  drift: (body: any) => { body: any; attribute: RegExp };
  importIgnore?: string[];
}

async function lifecycle(spec: Lifecycle): Promise<void> {
  const admin = await adminSession(simulator.url);
  const ws = await workspace({ 'main.tf': spec.config('initial') });

  // create
  await tfOk(ws, ['apply', '-auto-approve']);
  const key = await stateAttribute(ws, spec.address, 'id');
  spec.checkCreated(await admin.body(`${spec.collection}/${key}`));

  // import-verify: a fresh state adopts the object through an import block with no changes
  const [type, name] = spec.address.split('.');
  const importer = await workspace({ 'main.tf': spec.config('initial'), 'import.tf': `import {\n  to = ${type}.${name}\n  id = "${key}"\n}\n` });
  const importPlan = await tfOk(importer, ['plan', '-detailed-exitcode'], 2);
  expect(importPlan.stdout).toMatch(/Plan: 1 to import, 0 to add, 0 to change, 0 to destroy/);

  // update in place
  ws.write({ 'main.tf': spec.config('updated') });
  const update = await tfOk(ws, ['apply', '-auto-approve']);
  expect(update.stdout).toMatch(/1 changed, 0 destroyed/);
  spec.checkUpdated(await admin.body(`${spec.collection}/${key}`));

  // no-op plan
  const noop = await tfOk(ws, ['plan', '-detailed-exitcode'], 0);
  expect(noop.stdout).toMatch(/No changes/);

  // drift: a change in the web UI shows in the next plan
  const current = await admin.body(`${spec.collection}/${key}`);
  const { body: drifted, attribute } = spec.drift(structuredClone(current));
  await admin.commitChange('PUT', `${spec.collection}/${key}`, drifted);
  const driftPlan = await tfOk(ws, ['plan', '-detailed-exitcode'], 2);
  expect(driftPlan.stdout).toMatch(/1 to change/);
  expect(driftPlan.stdout).toMatch(attribute);

  // deleted outside Terraform: planned for re-creation
  await admin.commitChange('DELETE', `${spec.collection}/${key}`);
  const gone = await tfOk(ws, ['plan', '-detailed-exitcode'], 2);
  expect(gone.stdout).toMatch(/1 to add, 0 to change, 0 to destroy/);
  await tfOk(ws, ['apply', '-auto-approve']);
  const recreated = await stateAttribute(ws, spec.address, 'id');
  expect(recreated).not.toBe(key);

  // destroy
  await tfOk(ws, ['destroy', '-auto-approve']);
  expect(await admin.body(`${spec.collection}/${recreated}`)).toBeUndefined();
}

describe('sps_user_list', () => {
  it('create → import → update → no-op → drift → destroy', async () => {
    await lifecycle({
      address: 'sps_user_list.deployers',
      collection: '/api/configuration/policies/userlists',
      config: (v) => `resource "sps_user_list" "deployers" {
  name   = "deployers"
  allow  = "no_user"
  except = ${v === 'initial' ? '["deploy"]' : '["release-bot", "deploy"]'}
}
`,
      checkCreated: (body) => expect(body).toEqual({ name: 'deployers', allow: 'no_user', except: ['deploy'] }),
      checkUpdated: (body) => expect([...body.except].sort()).toEqual(['deploy', 'release-bot']),
      drift: (body) => ({ body: { ...body, allow: 'all_users' }, attribute: /allow\s+= "all_users" -> "no_user"/ }),
    });
  });
});

describe('sps_http_connection_policy', () => {
  it('manages the full seed 002 sample: create → import → update → no-op → drift → destroy', async () => {
    const sample = SEED_002_HTTP_CONNECTION_POLICY;
    const config = (v: 'initial' | 'updated') => `
data "sps_http_channel_policy" "default" { name = "default" }
data "sps_http_settings_policy" "default" { name = "default" }
data "sps_http_authentication_policy" "default" { name = "default" }
data "sps_audit_policy" "default" { name = "default" }
data "sps_indexing_policy" "default" { name = "default" }

resource "sps_http_connection_policy" "proxy" {
  name   = "${sample.name}"
  active = true
  network = {
    clients = ["0.0.0.0/0"]
    targets = ["0.0.0.0/0"]
    ports   = [${v === 'initial' ? 3128 : '3128, 8080'}]
  }
  server_address = {
    selection         = "inband"
    dns_server        = null
    dns_suffixes      = []
    exception_domains = []
    domains           = [{ domain = { selection = "domain", value = "*" }, port = 80 }]
  }
  source_address     = { selection = "box_address" }
  web_proxy          = { enabled = true, transport_security = { selection = "disabled" } }
  transport_security = { selection = "disabled" }
  access_control     = []
  indexing = {
    enabled  = true
    policy   = data.sps_indexing_policy.default.id
    priority = 3
  }
  rate_limit                = { enabled = false }
  log_audit_trail_downloads = true
  channel_database_cleanup  = { enabled = false }
  policies = {
    channel_policy         = data.sps_http_channel_policy.default.id
    settings               = data.sps_http_settings_policy.default.id
    audit_policy           = data.sps_audit_policy.default.id
    authentication_policy  = data.sps_http_authentication_policy.default.id
    ldap_server            = null
    backup_policy          = null
    usermapping_policy     = null
    archive_cleanup_policy = null
    analytics_policy       = null
  }
}
`;
    await lifecycle({
      address: 'sps_http_connection_policy.proxy',
      collection: '/api/configuration/http/connections',
      config,
      checkCreated: (body) => {
        // The appliance holds the seed's sample (the custom audit policy of the seed is replaced by the built-in one).
        const expected = structuredClone(sample) as any;
        expected.policies.audit_policy = { key: '-10000', meta: { href: '/api/configuration/policies/audit_policies/-10000' } };
        expect(body).toMatchObject({ ...expected, override_log_level: { enabled: false } });
      },
      checkUpdated: (body) => expect(body.network.ports).toEqual([3128, 8080]),
      drift: (body) => ({
        body: { ...body, rate_limit: { enabled: true, value: 10 }, policies: Object.fromEntries(Object.entries(body.policies).map(([k, v]: any) => [k, v?.key ?? v])), indexing: { ...body.indexing, policy: body.indexing.policy.key } },
        attribute: /rate_limit\s+= \{/,
      }),
    });
  });
});

describe('sps_api_client', () => {
  it('keeps the secret from creation on without ever re-reading it', async () => {
    const admin = await adminSession(simulator.url);
    const config = (scopes: string) => `resource "sps_api_client" "siem" {
  name       = "siem"
  scopes     = ${scopes}
  applies_to = { selection = "all" }
}
output "secret" {
  value     = sps_api_client.siem.client_secret
  sensitive = true
}
`;
    const ws = await workspace({ 'main.tf': config('["logs"]') });
    const created = await tfOk(ws, ['apply', '-auto-approve']);
    expect(created.stdout).not.toMatch(/client_secret\s+=\s+"/);
    const secret = JSON.parse((await tfOk(ws, ['output', '-json', 'secret'])).stdout);
    expect(secret).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    const key = await stateAttribute(ws, 'sps_api_client.siem', 'id');
    const body = await admin.body(`/api/configuration/aaa/api_clients/${key}`);
    expect(JSON.stringify(body)).not.toContain(secret);

    // refreshes keep the secret; the appliance never returns it
    await tfOk(ws, ['apply', '-refresh-only', '-auto-approve']);
    await tfOk(ws, ['plan', '-detailed-exitcode'], 0);
    expect(JSON.parse((await tfOk(ws, ['output', '-json', 'secret'])).stdout)).toBe(secret);

    // in-place update keeps ID and secret
    ws.write({ 'main.tf': config('["logs", "sessions"]') });
    await tfOk(ws, ['apply', '-auto-approve']);
    expect(JSON.parse((await tfOk(ws, ['output', '-json', 'secret'])).stdout)).toBe(secret);
    expect((await admin.body(`/api/configuration/aaa/api_clients/${key}`)).scopes.sort()).toEqual(['logs', 'sessions']);

    // rotation by replacement through keepers
    ws.write({ 'main.tf': config('["logs", "sessions"]').replace('applies_to', 'keepers    = { rotation = "2" }\n  applies_to') });
    const rotated = await tfOk(ws, ['apply', '-auto-approve']);
    expect(rotated.stdout).toMatch(/1 added, 0 changed, 1 destroyed/);
    expect(JSON.parse((await tfOk(ws, ['output', '-json', 'secret'])).stdout)).not.toBe(secret);

    // import-verify: the secret cannot be imported, everything else matches
    const newKey = await stateAttribute(ws, 'sps_api_client.siem', 'id');
    const importer = await workspace({
      'main.tf': config('["logs", "sessions"]').replace('applies_to', 'keepers    = { rotation = "2" }\n  applies_to'),
      'import.tf': `import {\n  to = sps_api_client.siem\n  id = "${newKey}"\n}\n`,
    });
    const importPlan = await tfOk(importer, ['plan', '-detailed-exitcode'], 2);
    expect(importPlan.stdout).toMatch(/1 to import/);

    // drift: scopes changed in the web UI
    const current = await admin.body(`/api/configuration/aaa/api_clients/${newKey}`);
    await admin.commitChange('PUT', `/api/configuration/aaa/api_clients/${newKey}`, { ...current, scopes: ['config'] });
    const drift = await tfOk(ws, ['plan', '-detailed-exitcode'], 2);
    expect(drift.stdout).toMatch(/"config"/);

    await tfOk(ws, ['destroy', '-auto-approve']);
    expect(await admin.body(`/api/configuration/aaa/api_clients/${newKey}`)).toBeUndefined();
  });

  it('refuses to import a built-in object and explains why', async () => {
    const ws = await workspace({ 'main.tf': 'resource "sps_user_list" "root_only" {\n  name  = "root_only"\n  allow = "no_user"\n}\n' });
    const result = await tfOk(ws, ['import', 'sps_user_list.root_only', '-4'], 1);
    expect(result.stderr).toMatch(/built-in/);
    expect(result.stderr).toMatch(/read-only/);
  });
});
