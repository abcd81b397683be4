/**
 * The SSH and RDP connection policies: the fields every connection policy has, described once
 * (src/model/connection-fields.ts) and checked the same way for HTTP, SSH and RDP, plus each
 * protocol's policies.
 */
import { fieldIssues, formatFieldPath, httpConnectionPolicies, type Kind, rdpConnectionPolicies, sshConnectionPolicies } from '../../src/model';

function problems(kind: Kind, body: unknown): Record<string, string> {
  const result = kind.strictSchema.safeParse(body);
  if (result.success) return {};
  return Object.fromEntries(fieldIssues(result.error).map((i) => [formatFieldPath(i.path), i.message]));
}

const ref = (collection: string, key: string) => ({ key, meta: { href: `/api/configuration/${collection}/${key}` } });

/** An SSH connection policy as the appliance returns it (references embedded). */
const SSH = {
  name: 'bastion',
  active: true,
  network: { clients: ['10.20.0.0/16'], targets: ['10.40.0.0/16'], ports: [22] },
  server_address: { selection: 'original' },
  source_address: { selection: 'box_address' },
  access_control: [],
  indexing: { enabled: true, policy: ref('policies/indexing', '-50000'), priority: 3 },
  rate_limit: { enabled: false },
  log_audit_trail_downloads: true,
  channel_database_cleanup: { enabled: false },
  override_log_level: { enabled: false },
  policies: {
    channel_policy: ref('ssh/channel_policies', '-10100'),
    settings: ref('ssh/settings_policies', '-300'),
    audit_policy: ref('policies/audit_policies', '-10000'),
    authentication_policy: ref('ssh/authentication_policies', '-200'),
    ldap_server: null,
    backup_policy: null,
    usermapping_policy: null,
    archive_cleanup_policy: null,
    analytics_policy: null,
  },
};
const { authentication_policy: _, ...rdpPolicies } = SSH.policies;
const RDP = { ...SSH, name: 'terminal', policies: { ...rdpPolicies, channel_policy: ref('rdp/channel_policies', '-20100'), settings: ref('rdp/settings_policies', '-301') } };

describe('SSH and RDP connection policy models', () => {
  it('accept a policy as the appliance returns it and list its references, the policies first', () => {
    const ssh = sshConnectionPolicies.strictSchema.parse(SSH);
    expect(ssh.policies).toMatchObject({ channel_policy: '-10100', settings: '-300', authentication_policy: '-200' });
    expect(sshConnectionPolicies.references(ssh).map((r) => `${r.path.join('.')} ${r.collection}`)).toEqual([
      'policies.channel_policy /api/configuration/ssh/channel_policies',
      'policies.settings /api/configuration/ssh/settings_policies',
      'policies.audit_policy /api/configuration/policies/audit_policies',
      'policies.authentication_policy /api/configuration/ssh/authentication_policies',
      'indexing.policy /api/configuration/policies/indexing',
    ]);
    const rdp = rdpConnectionPolicies.strictSchema.parse(RDP);
    expect(rdpConnectionPolicies.references(rdp).map((r) => r.collection)).toEqual([
      '/api/configuration/rdp/channel_policies',
      '/api/configuration/rdp/settings_policies',
      '/api/configuration/policies/audit_policies',
      '/api/configuration/policies/indexing',
    ]);
  });

  it('SSH needs an authentication policy; RDP has none (the appliance has no RDP authentication policies)', () => {
    expect(problems(sshConnectionPolicies, { ...SSH, policies: rdpPolicies })).toEqual({ 'policies.authentication_policy': 'is required' });
    expect(problems(rdpConnectionPolicies, { ...RDP, policies: { ...RDP.policies, authentication_policy: '-200' } })).toEqual({
      'policies.authentication_policy': expect.stringMatching(/not a field/),
    });
  });

  it('leave out what HTTP alone has (web proxy, TLS)', () => {
    for (const kind of [sshConnectionPolicies, rdpConnectionPolicies]) {
      expect(Object.keys(kind.fields)).toEqual(Object.keys(httpConnectionPolicies.fields).filter((name) => name !== 'web_proxy' && name !== 'transport_security'));
    }
  });

  // The shared fields are checked alike for every protocol: one description, one set of rules.
  it.each([
    ['network.ports[0]', (b: any) => (b.network.ports = [65536]), /between 1 and 65535/],
    ['network.clients[0]', (b: any) => (b.network.clients = ['10.0.0.0/33']), /CIDR/],
    ['server_address.selection', (b: any) => (b.server_address = { selection: 'magic' }), /original.*nat.*fix.*inband/],
    ['server_address.domains', (b: any) => (b.server_address = { selection: 'inband', domains: [] }), /at least one/],
    ['source_address.address', (b: any) => (b.source_address = { selection: 'fix', address: 'not-an-ip' }), /IPv4 or IPv6/],
    ['access_control[0].subject.group', (b: any) =>
      (b.access_control = [{ authorizer: 'a', permission: 'audit', require_different_ip: true, require_different_username: true, subject: { selection: 'only', group: '' } }]), /user group name/],
    ['indexing.priority', (b: any) => (b.indexing = { enabled: true, policy: '-50000', priority: 6 }), /between 0/],
    ['rate_limit.value', (b: any) => (b.rate_limit = { enabled: true, value: 0 }), /at least 1/],
    ['channel_database_cleanup.days', (b: any) => (b.channel_database_cleanup = { enabled: true }), /is required/],
    ['override_log_level.log_level', (b: any) => (b.override_log_level = { enabled: true, log_level: 8 }), /between 1 and 7/],
    ['policies.settings', (b: any) => (b.policies.settings = 'default'), /not its name/],
    ['policies.audit_policy', (b: any) => (b.policies.audit_policy = null), /key of the referenced audit policy/],
  ])('report %s for SSH and RDP as for HTTP', (path, change, message) => {
    for (const [kind, sample] of [[sshConnectionPolicies, SSH], [rdpConnectionPolicies, RDP]] as const) {
      const body = structuredClone(sample) as any;
      change(body);
      expect({ kind: kind.id, problem: problems(kind, body)[path] }).toEqual({ kind: kind.id, problem: expect.stringMatching(message) });
    }
  });

  it('describe the shared fields once: the same nodes as HTTP\'s, the docs naming each protocol', () => {
    for (const kind of [sshConnectionPolicies, rdpConnectionPolicies]) {
      for (const name of ['name', 'active', 'network', 'server_address', 'source_address']) expect(kind.fields[name]).toBe(httpConnectionPolicies.fields[name]);
    }
    const daysDoc = (kind: Kind) => JSON.stringify(kind.fields.channel_database_cleanup).match(/global (\w+) settings/)?.[1];
    expect([httpConnectionPolicies, sshConnectionPolicies, rdpConnectionPolicies].map(daysDoc)).toEqual(['HTTP', 'SSH', 'RDP']);
    const policies = sshConnectionPolicies.fields.policies;
    expect(policies.type === 'object' && policies.fields.channel_policy.doc).toMatch(/`sps_ssh_channel_policy`/);
  });
});
