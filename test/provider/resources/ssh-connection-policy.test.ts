/** sps_ssh_connection_policy with the real terraform CLI, beyond its derived lifecycle (lifecycle-*.test.ts): unmodelled fields kept, plan-time checks, the built-ins. */
import { adminSession } from '../../support/simulator';
import { tfOk } from '../../support/terraform';
import { stateAttribute, useAcceptance, workspace } from './acceptance';

const { simulator } = useAcceptance();
const CONNECTIONS = '/api/configuration/ssh/connections';

/** The built-in SSH policies, found by name, and the policies block that uses them. */
const LOOKUPS = `
data "sps_ssh_channel_policy" "default" { name = "default" }
data "sps_ssh_settings_policy" "default" { name = "default" }
data "sps_ssh_authentication_policy" "default" { name = "default" }
data "sps_audit_policy" "default" { name = "default" }
`;
const policies = (settings = 'data.sps_ssh_settings_policy.default.id') => `policies = {
    channel_policy        = data.sps_ssh_channel_policy.default.id
    settings              = ${settings}
    audit_policy          = data.sps_audit_policy.default.id
    authentication_policy = data.sps_ssh_authentication_policy.default.id
  }`;

const bastion = (name: string, ports: string, settings?: string) => `${LOOKUPS}
resource "sps_ssh_connection_policy" "bastion" {
  name = "${name}"
  network = {
    clients = ["10.20.0.0/16"]
    targets = ["10.40.0.0/16"]
    ports   = [${ports}]
  }
  server_address = {
    selection = "inband"
    domains   = [{ domain = { selection = "address", value = "10.40.0.0/16" }, port = 22 }]
  }
  access_control = [{
    authorizer                 = "security"
    permission                 = "audit"
    require_different_ip       = false
    require_different_username = true
    subject                    = { selection = "everybody" }
  }]
  ${policies(settings)}
}
`;

describe('sps_ssh_connection_policy', () => {
  it('keeps the SSH fields it does not model (host keys, policies it does not know) when it updates the policy', async () => {
    const ws = await workspace({ 'main.tf': bastion('kept', '22') });
    await tfOk(ws, ['apply', '-auto-approve']);
    const path = `${CONNECTIONS}/${await stateAttribute(ws, 'sps_ssh_connection_policy.bastion', 'id')}`;
    // As set in the web UI or by a newer firmware: a top-level SSH field and a policy reference the model does not know.
    simulator().addExtraFields(path, { server_side_hostkey_settings: { allow_plain: true }, policies: { credential_store: null } });
    expect((await tfOk(ws, ['plan', '-detailed-exitcode'], 0)).stdout).toMatch(/No changes/);

    ws.write({ 'main.tf': bastion('kept', '2222') });
    await tfOk(ws, ['apply', '-auto-approve']);
    const body = await (await adminSession(simulator().url)).body(path);
    expect(body.network.ports).toEqual([2222]);
    expect(body.server_side_hostkey_settings).toEqual({ allow_plain: true });
    expect(body.policies).toMatchObject({ credential_store: null, settings: { key: '-300' } });
  });

  it('refuses at plan a settings key of no SSH settings policy, naming the field and the kind', async () => {
    const ws = await workspace({ 'main.tf': bastion('wrong-settings', '22', '"-3040010"') });
    const plan = await tfOk(ws, ['plan'], 1);
    expect(plan.stderr).toMatch(/policies\.settings: the appliance has no SSH settings policy with key\s+"-3040010"/);
  });

  it('finds the built-in SSH settings, authentication and channel policies by the name "default"', async () => {
    const ws = await workspace({
      'main.tf': `${LOOKUPS}
output "keys" {
  value = [data.sps_ssh_channel_policy.default.id, data.sps_ssh_settings_policy.default.id, data.sps_ssh_authentication_policy.default.id]
}
`,
    });
    await tfOk(ws, ['apply', '-auto-approve']);
    expect(JSON.parse((await tfOk(ws, ['output', '-json', 'keys'])).stdout)).toEqual(['-10100', '-300', '-200']);
  });
});
