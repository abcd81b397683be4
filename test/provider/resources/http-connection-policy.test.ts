/** Acceptance test of sps_http_connection_policy: create → import-verify → update → no-op → drift → destroy, with the real terraform CLI. */
import { SEED_002_HTTP_CONNECTION_POLICY } from '../../model/fixtures';
import { lifecycle, useAcceptance } from './acceptance';

useAcceptance();

describe('sps_http_connection_policy', () => {
  it('manages the full sample of the REST API Reference Guide: create → import → update → no-op → drift → destroy', async () => {
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
