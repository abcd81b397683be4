/** Acceptance test of sps_rdp_connection_policy: create → import-verify → update → no-op → drift → destroy, with the real terraform CLI. */
import { tfOk } from '../../support/terraform';
import { lifecycle, useAcceptance, workspace } from './acceptance';

useAcceptance();

const LOOKUPS = `
data "sps_rdp_channel_policy" "default" { name = "default" }
data "sps_rdp_settings_policy" "default" { name = "default" }
data "sps_audit_policy" "default" { name = "default" }
`;

const terminalServer = (name: string, extra: string) => `${LOOKUPS}
resource "sps_rdp_connection_policy" "terminal" {
  name = "${name}"
  network = {
    clients = ["10.20.0.0/16"]
    targets = ["10.50.0.10"]
    ports   = [3389]
  }
  server_address = { selection = "fix", address = "rds.example.com", port = 3389 }
  ${extra}
  policies = {
    channel_policy = data.sps_rdp_channel_policy.default.id
    settings       = data.sps_rdp_settings_policy.default.id
    audit_policy   = data.sps_audit_policy.default.id
  }
}
`;

const ref = (collection: string, key: string) => ({ key, meta: { href: `${collection}/${key}` } });

describe('sps_rdp_connection_policy', () => {
  it('create → import → update → no-op → drift → destroy', async () => {
    await lifecycle({
      address: 'sps_rdp_connection_policy.terminal',
      collection: '/api/configuration/rdp/connections',
      config: (v) =>
        terminalServer(
          'terminal',
          v === 'initial' ? 'source_address = { selection = "original" }' : 'source_address = { selection = "fix", address = "10.9.9.9" }\n  channel_database_cleanup = { enabled = true, days = 180 }',
        ),
      // The body as the appliance stores it: the defaults filled in, the built-ins referenced by their keys, no authentication policy.
      checkCreated: (body) =>
        expect(body).toEqual({
          name: 'terminal',
          active: true,
          network: { clients: ['10.20.0.0/16'], targets: ['10.50.0.10'], ports: [3389] },
          server_address: { selection: 'fix', address: 'rds.example.com', port: 3389 },
          source_address: { selection: 'original' },
          access_control: [],
          indexing: { enabled: false },
          rate_limit: { enabled: false },
          log_audit_trail_downloads: false,
          channel_database_cleanup: { enabled: false },
          override_log_level: { enabled: false },
          policies: {
            channel_policy: ref('/api/configuration/rdp/channel_policies', '-20100'),
            settings: ref('/api/configuration/rdp/settings_policies', '-301'),
            audit_policy: ref('/api/configuration/policies/audit_policies', '-10000'),
            ldap_server: null,
            backup_policy: null,
            usermapping_policy: null,
            archive_cleanup_policy: null,
            analytics_policy: null,
          },
        }),
      checkUpdated: (body) => {
        expect(body.source_address).toEqual({ selection: 'fix', address: '10.9.9.9' });
        expect(body.channel_database_cleanup).toEqual({ enabled: true, days: 180 });
      },
      drift: (body) => ({
        body: { ...body, log_audit_trail_downloads: true, policies: Object.fromEntries(Object.entries(body.policies).map(([k, v]: any) => [k, v?.key ?? v])) },
        attribute: /log_audit_trail_downloads\s+= true -> false/,
      }),
    });
  });

  it('finds the built-in RDP channel and settings policies, both built-in settings policies included', async () => {
    const ws = await workspace({
      'main.tf': `${LOOKUPS}
data "sps_rdp_settings_policy" "second" { name = "default-303" }
output "keys" {
  value = [data.sps_rdp_channel_policy.default.id, data.sps_rdp_settings_policy.default.id, data.sps_rdp_settings_policy.second.id]
}
`,
    });
    await tfOk(ws, ['apply', '-auto-approve']);
    expect(JSON.parse((await tfOk(ws, ['output', '-json', 'keys'])).stdout)).toEqual(['-20100', '-301', '-303']);
  });
});
