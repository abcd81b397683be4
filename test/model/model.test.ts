import {
  apiClients,
  collectionByPath,
  collections,
  describeIssues,
  fieldIssues,
  formatFieldPath,
  httpConnectionPolicies,
  KINDS,
  PATHS,
  type ScalarNode,
  sshChannelPolicies,
  userLists,
  walkFields,
} from '../../src/model';
import { SEED_002_HTTP_CONNECTION_POLICY } from './fixtures';

function problems(spec: { strictSchema: { safeParse(v: unknown): any } }, body: unknown): Record<string, string> {
  const result = spec.strictSchema.safeParse(body);
  if (result.success) return {};
  return Object.fromEntries(fieldIssues(result.error).map((i) => [formatFieldPath(i.path), i.message]));
}

/** Test cases titled with their value escaped, so that the titles show the invisible characters under test. */
function shown<T extends [string, ...string[]]>(cases: T[]): Array<[string, ...T]> {
  return cases.map((c) => [JSON.stringify(c[0]).replace(/[^\x20-\x7e]/gu, (ch) => `\\u{${ch.codePointAt(0)!.toString(16)}}`), ...c]);
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

  it('names the first control character in a name or username by character position and code point, after the other name checks', () => {
    expect(problems(userLists, { name: 'ab\u007fc\u0001', allow: 'all_users', except: ['x\ny'] })).toEqual({
      name: 'character 3 is U+007F (DELETE), a control character, invisible in a review',
      'except[0]': 'character 2 is U+000A (LINE FEED), a control character, invisible in a review',
    });
    const result = userLists.strictSchema.safeParse({ name: '', allow: 'no_user', except: ['\u0000'] });
    expect(result.success ? [] : fieldIssues(result.error)).toEqual([
      { path: ['name'], message: 'must not be empty' },
      { path: ['except', 0], message: 'character 1 is U+0000 (NULL), a control character, invisible in a review' },
    ]);
  });

  // Every field that names something (object names, usernames in lists, group names): a reviewer must see the name as it is.
  const nameLikeFields = KINDS.flatMap((kind) =>
    [...walkFields(kind.fields)]
      // A list of names (a user list's `except`) is walked as the list: its entries are its item.
      .map(({ path, node }) => (node.type === 'list' ? { path: [...path, '[]'], node: node.item } : { path, node }))
      .filter(({ node }) => node.type === 'string' && node.nameLike)
      .map(({ path, node }) => ({ label: `${kind.id} ${path.join('.')}`, node: node as ScalarNode })),
  );

  it('marks the fields that name something as name-like: object names, usernames and group names', () => {
    const labels = nameLikeFields.map(({ label }) => label);
    for (const kind of KINDS) expect(labels).toContain(`${kind.id} name`);
    expect(labels).toEqual(expect.arrayContaining(['user_list except.[]', 'http_connection_policy access_control.[].authorizer', 'http_connection_policy access_control.[].subject.group']));
  });

  it.each(shown([
    ['ab\u200bc', 'character 3 is U+200B (ZERO WIDTH SPACE), invisible in a review'],
    ['admin\u2060', 'character 6 is U+2060 (WORD JOINER), invisible in a review'],
    ['\u3164', 'character 1 is U+3164 (HANGUL FILLER), invisible in a review'],
    ['ops\u3164', 'character 4 is U+3164 (HANGUL FILLER), invisible in a review'],
    ['\ufeffops', 'character 1 is U+FEFF (ZERO WIDTH NO-BREAK SPACE), invisible in a review'],
    ['a\u2800b', 'character 2 is U+2800 (BRAILLE PATTERN BLANK), invisible in a review'],
    ['x\u{E0041}', 'character 2 is U+E0041, invisible in a review'],
    ['\u0301', 'character 1 is U+0301 (COMBINING ACUTE ACCENT), a combining mark with no character to combine with, invisible in a review'],
    ['\u0301ops', 'character 1 is U+0301 (COMBINING ACUTE ACCENT), a combining mark with no character to combine with, invisible in a review'],
    ['a \u0301b', 'character 3 is U+0301 (COMBINING ACUTE ACCENT), a combining mark with no character to combine with, invisible in a review'],
    ['ad\u0085min', 'character 3 is U+0085 (NEXT LINE), a control character, invisible in a review'],
    ['ad\u009fmin', 'character 3 is U+009F, a control character, invisible in a review'],
    ['txt.\u202eexe', 'character 5 is U+202E (RIGHT-TO-LEFT OVERRIDE), which reorders the text around it, so a review does not show it as it is'],
    ['a\u2067b', 'character 2 is U+2067 (RIGHT-TO-LEFT ISOLATE), which reorders the text around it, so a review does not show it as it is'],
    ['a\u200fb', 'character 2 is U+200F (RIGHT-TO-LEFT MARK), which reorders the text around it, so a review does not show it as it is'],
    [' admin', 'character 1 is U+0020 (SPACE), at the start, invisible in a review'],
    ['admin ', 'character 6 is U+0020 (SPACE), at the end, invisible in a review'],
    ['admin\u3000', 'character 6 is U+3000 (IDEOGRAPHIC SPACE), at the end, invisible in a review'],
    ['team\u00a0ops', 'character 5 is U+00A0 (NO-BREAK SPACE), which a review cannot tell from an ordinary space (U+0020)'],
  ]))('refuses %s in every name-like field, naming the character and its position', (_shown, value, message) => {
    for (const { label, node } of nameLikeFields) {
      const result = node.schema.safeParse(value);
      expect({ label, issues: result.success ? [] : fieldIssues(result.error).map((issue) => issue.message) }).toEqual({ label, issues: expect.arrayContaining([message]) });
    }
  });

  it.each(shown(['team ops', 'Zürich café', 'e\u0301tude', 'Łódź-ops', '東京', 'مرحبا', 'ops (2024)'].map((value) => [value])))('accepts the visible name %s', (_shown, value) => {
    for (const { node } of nameLikeFields.filter(({ label }) => !label.startsWith('time_policy'))) expect(node.schema.safeParse(value).success).toBe(true);
  });

  it('lists every referenced collection, each reachable by path', () => {
    for (const path of Object.values(PATHS)) expect(collectionByPath(path + '/')?.path).toBe(path);
    expect(collections).toHaveLength(Object.keys(PATHS).length);
    expect(describeIssues([{ path: ['a', 0, 'b'], message: 'bad' }])).toBe('a[0].b: bad');
  });
});

describe('names of other kinds\' objects', () => {
  it('lists each field that may name a user list, with its path and names', () => {
    const body = {
      name: 'ops',
      rules: [
        { channel: 'session-shell', allowed_for: { gateway_groups: [], remote_groups: ['operators', 'ldap-admins'] } },
        { channel: 'x11', allowed_for: { gateway_groups: ['operators'], remote_groups: [] } },
      ],
    };
    const uses = sshChannelPolicies.nameUses(body).map((use) => ({ path: use.path.join('.'), names: use.names, target: use.named.target().path }));
    expect(uses).toEqual([
      { path: 'rules.0.allowed_for.gateway_groups', names: [], target: userLists.path },
      { path: 'rules.0.allowed_for.remote_groups', names: ['operators', 'ldap-admins'], target: userLists.path },
      { path: 'rules.1.allowed_for.gateway_groups', names: ['operators'], target: userLists.path },
      { path: 'rules.1.allowed_for.remote_groups', names: [], target: userLists.path },
    ]);
    expect(sshChannelPolicies.nameUses(body)[0].named.advice).toMatch(/gateway authentication/);
    expect(userLists.nameUses({ name: 'x', allow: 'all_users', except: ['root'] })).toEqual([]);
  });
});
