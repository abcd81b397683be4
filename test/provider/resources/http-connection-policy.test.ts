/** sps_http_connection_policy with the real terraform CLI, beyond its derived lifecycle (lifecycle-*.test.ts): every field of the guide's sample. */
import { SEED_002_HTTP_CONNECTION_POLICY } from '../../model/fixtures';
import { adminSession } from '../../support/simulator';
import { tfOk } from '../../support/terraform';
import { stateAttribute, useAcceptance, workspace } from './acceptance';

const { simulator } = useAcceptance();

describe('sps_http_connection_policy', () => {
  it('creates the full sample of the REST API Reference Guide, which then plans no changes', async () => {
    const sample = SEED_002_HTTP_CONNECTION_POLICY;
    const config = `
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
    ports   = [3128]
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
    const ws = await workspace({ 'main.tf': config });
    await tfOk(ws, ['apply', '-auto-approve']);
    const key = await stateAttribute(ws, 'sps_http_connection_policy.proxy', 'id');
    const body = await (await adminSession(simulator().url)).body(`/api/configuration/http/connections/${key}`);
    // The appliance holds the seed's sample (the custom audit policy of the seed is replaced by the built-in one).
    const expected = structuredClone(sample) as any;
    expected.policies.audit_policy = { key: '-10000', meta: { href: '/api/configuration/policies/audit_policies/-10000' } };
    expect(body).toMatchObject({ ...expected, override_log_level: { enabled: false } });
    expect((await tfOk(ws, ['plan', '-detailed-exitcode'], 0)).stdout).toMatch(/No changes/);
  });
});
