/**
 * The runtime through the real terraform CLI with dev_overrides (no `terraform init`): schema
 * export, validation errors located at the attribute, CLI import, and a no-op plan.
 */
import type { SimulatorHandle } from '../../src/simulator';
import { adminSession, startTestSimulator } from '../support/simulator';
import { makeWorkspace, PROVIDER_BLOCK, tf, tfOk, type Workspace } from '../support/terraform';
import { deadline } from '../support/wait';

jest.setTimeout(deadline(120_000));

let simulator: SimulatorHandle;
let ws: Workspace;

beforeAll(async () => {
  simulator = await startTestSimulator();
  ws = makeWorkspace({
    mode: 'dev_overrides',
    files: { 'provider.tf': `${PROVIDER_BLOCK}\nprovider "sps" {\n  url      = "${simulator.url}"\n  username = "admin"\n  password = "admin"\n}\n` },
  });
});
afterAll(async () => {
  ws.cleanup();
  await simulator.close();
});

it('exports the schema with descriptions, sensitivity and nested attributes', async () => {
  const result = await tfOk(ws, ['providers', 'schema', '-json']);
  const schema = JSON.parse(result.stdout).provider_schemas['registry.terraform.io/sps-iac/sps'];
  expect(schema.provider.block.attributes.password).toMatchObject({ sensitive: true, optional: true });
  expect(Object.keys(schema.resource_schemas).sort()).toEqual(['sps_api_client', 'sps_http_channel_policy', 'sps_http_connection_policy', 'sps_object', 'sps_rdp_channel_policy', 'sps_rdp_connection_policy', 'sps_ssh_channel_policy', 'sps_ssh_connection_policy', 'sps_time_policy', 'sps_user_list']);
  expect(schema.resource_schemas.sps_api_client.block.attributes.client_secret).toMatchObject({ sensitive: true, computed: true });
  const serverAddress = schema.resource_schemas.sps_http_connection_policy.block.attributes.server_address;
  expect(serverAddress.nested_type.nesting_mode).toBe('single');
  expect(serverAddress.nested_type.attributes.domains.nested_type.nesting_mode).toBe('list');
  expect(Object.keys(schema.data_source_schemas)).toEqual(expect.arrayContaining(['sps_user_list', 'sps_http_channel_policy', 'sps_audit_policy', 'sps_local_group']));
});

it('points a validation error at the offending attribute, before anything is applied', async () => {
  ws.write({
    'main.tf': `resource "sps_http_connection_policy" "bad" {
  name           = "bad"
  network        = { clients = ["10.0.0.0/33"], targets = ["10.0.0.1"], ports = [70000] }
  server_address = { selection = "fix", address = "a.example.com", port = 80, dns_server = "10.0.0.53" }
  policies       = { channel_policy = "default", settings = "-3040010", audit_policy = "-10000", authentication_policy = "-304002001" }
}
`,
  });
  const result = await tf(ws, ['validate', '-no-color']);
  expect(result.code).toBe(1);
  const output = (result.stderr + result.stdout).replace(/\s+/g, ' ');
  expect(output).toMatch(/network\.clients\[0\]: must be an IP address or CIDR range/);
  expect(output).toMatch(/network\.ports\[0\]: must be a port number between 1 and 65535/);
  expect(output).toMatch(/server_address\.dns_server: is not a field here/);
  expect(output).toMatch(/policies\.channel_policy: must be the key of the referenced HTTP channel policy/);
  // Terraform quotes the configuration line of the attribute the diagnostic points at.
  expect(output).toMatch(/on main\.tf line 3, in resource "sps_http_connection_policy" "bad":/);
  expect(simulator.counters().commits).toBe(0);
});

it('imports by CLI and then plans no changes', async () => {
  const admin = await adminSession(simulator.url);
  const created = await admin.commitChange('POST', '/api/configuration/policies/userlists', { name: 'ops', allow: 'no_user', except: ['alice'] });
  ws.write({ 'main.tf': 'resource "sps_user_list" "ops" {\n  name   = "ops"\n  allow  = "no_user"\n  except = ["alice"]\n}\n' });
  await tfOk(ws, ['import', 'sps_user_list.ops', created.key]);
  const plan = await tfOk(ws, ['plan', '-detailed-exitcode'], 0);
  expect(plan.stdout).toMatch(/No changes/);
});
