import {
  apiClients,
  collectionByPath,
  collections,
  describeIssues,
  fieldIssues,
  formatFieldPath,
  httpConnectionPolicies,
  PATHS,
  userLists,
} from '../../src/model';
import { SEED_002_HTTP_CONNECTION_POLICY } from './fixtures';

function problems(spec: { strictSchema: { safeParse(v: unknown): any } }, body: unknown): Record<string, string> {
  const result = spec.strictSchema.safeParse(body);
  if (result.success) return {};
  return Object.fromEntries(fieldIssues(result.error).map((i) => [formatFieldPath(i.path), i.message]));
}

function withChanges(change: (body: any) => void): any {
  const body = structuredClone(SEED_002_HTTP_CONNECTION_POLICY) as any;
  change(body);
  return body;
}

describe('HTTP connection policy model (the REST API Reference Guide)', () => {
  it('accepts the full sample of the REST API Reference Guide and resolves embedded references to keys', () => {
    const parsed = httpConnectionPolicies.strictSchema.parse(SEED_002_HTTP_CONNECTION_POLICY);
    expect(parsed.policies.channel_policy).toBe('-304001002');
    expect(parsed.indexing).toEqual({ enabled: true, policy: '-50000', priority: 3 });
    expect(httpConnectionPolicies.references(parsed).map((r) => r.path.join('.'))).toEqual([
      'policies.channel_policy',
      'policies.settings',
      'policies.audit_policy',
      'policies.authentication_policy',
      'indexing.policy',
    ]);
  });

  it.each([
    ['network.ports[0]', (b: any) => (b.network.ports = [0]), /between 1 and 65535/],
    ['network.ports[0]', (b: any) => (b.network.ports = [65536]), /between 1 and 65535/],
    ['network.clients[0]', (b: any) => (b.network.clients = ['10.0.0.0/33']), /CIDR/],
    ['network.targets[0]', (b: any) => (b.network.targets = ['300.1.1.1']), /CIDR/],
    ['server_address.selection', (b: any) => (b.server_address = { selection: 'magic' }), /original.*nat.*fix.*inband/],
    ['server_address.address', (b: any) => (b.server_address = { selection: 'fix', port: 80 }), /is required/],
    ['server_address.network', (b: any) => (b.server_address = { selection: 'nat' }), /is required/],
    ['server_address.domains', (b: any) => (b.server_address = { selection: 'inband', domains: [] }), /at least one/],
    ['server_address.dns_server', (b: any) => (b.server_address = { selection: 'fix', address: 'a.example', port: 80, dns_server: '1.1.1.1' }), /not a field here/],
    ['source_address.address', (b: any) => (b.source_address = { selection: 'fix', address: 'not-an-ip' }), /IPv4 or IPv6/],
    ['transport_security.host_certification_method', (b: any) => (b.transport_security = { selection: 'client-only' }), /fix.*generate/],
    ['transport_security.server_certificate_check.trusted_ca', (b: any) =>
      (b.transport_security = { selection: 'client-server', server_certificate_check: { enabled: true }, host_certification_method: { selection: 'generate', signing_ca: '1904188625a843f11d30a5' } }), /is required/],
    ['web_proxy.transport_security.selection', (b: any) => (b.web_proxy = { enabled: true, transport_security: { selection: 'ssl' } }), /disabled.*tls/],
    ['access_control[0].permission', (b: any) =>
      (b.access_control = [{ authorizer: 'admins', permission: 'watch', require_different_ip: true, require_different_username: true, subject: { selection: 'everybody' } }]), /audit_and_authorize/],
    ['indexing.priority', (b: any) => (b.indexing = { enabled: true, policy: '-50000', priority: 6 }), /between 0/],
    ['rate_limit.value', (b: any) => (b.rate_limit = { enabled: true, value: 0 }), /at least 1/],
    ['channel_database_cleanup.days', (b: any) => (b.channel_database_cleanup = { enabled: true }), /is required/],
    ['override_log_level.log_level', (b: any) => (b.override_log_level = { enabled: true, log_level: 8 }), /between 1 and 7/],
    ['policies.audit_policy', (b: any) => (b.policies.audit_policy = null), /key of the referenced audit policy/],
    ['policies.channel_policy', (b: any) => (b.policies.channel_policy = 'default'), /not its name/],
  ])('reports %s', (path, change, message) => {
    const found = problems(httpConnectionPolicies, withChanges(change));
    expect(found[path]).toMatch(message);
  });

  it('the appliance mode strips a misplaced field instead of failing', () => {
    const body = withChanges((b) => (b.transport_security = { selection: 'disabled', allow_non_encrypted: true }));
    expect(httpConnectionPolicies.schema.parse(body).transport_security).toEqual({ selection: 'disabled' });
  });
});

describe('user list and API client models', () => {
  it('reports enum, duplicate and unknown-field problems with their paths', () => {
    expect(problems(userLists, { name: 'x', allow: 'some', except: ['a', 'a'], extra: 1 })).toEqual({
      allow: expect.stringMatching(/all_users/),
      'except[1]': expect.stringMatching(/"a" is listed twice \(also at \[0\]\)/),
      extra: expect.stringMatching(/not a field/),
    });
    expect(problems(apiClients, { name: 'siem', scopes: ['logs', 'root'], applies_to: { selection: 'groups', groups: [] } })).toEqual({
      'scopes[1]': expect.stringMatching(/"config", "logs", "ip", "sessions"/),
      'applies_to.groups': expect.stringMatching(/at least one group/),
    });
  });

  it('names the first control character in a name or username by code point and position, after the other name checks', () => {
    expect(problems(userLists, { name: 'ab\u007fc\u0001', allow: 'all_users', except: ['x\ny'] })).toEqual({
      name: 'must not contain control characters (found U+007F at position 3)',
      'except[0]': 'must not contain control characters (found U+000A at position 2)',
    });
    const result = userLists.strictSchema.safeParse({ name: ' \u0000', allow: 'no_user' });
    expect(result.success ? [] : fieldIssues(result.error)).toEqual([
      { path: ['name'], message: 'must not start or end with whitespace' },
      { path: ['name'], message: 'must not contain control characters (found U+0000 at position 2)' },
    ]);
  });

  it('lists every referenced collection, each reachable by path', () => {
    for (const path of Object.values(PATHS)) expect(collectionByPath(path + '/')?.path).toBe(path);
    expect(collections).toHaveLength(Object.keys(PATHS).length);
    expect(describeIssues([{ path: ['a', 0, 'b'], message: 'bad' }])).toBe('a[0].b: bad');
  });
});
