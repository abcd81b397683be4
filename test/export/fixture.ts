/**
 * A varied appliance configuration, made through the REST API as an administrator would: every
 * server_address variant, web proxy with TLS and both certificate methods, access control, rate
 * limit and cleanup, references to built-in and custom policies, several user lists (with names
 * that collide as identifiers or need escaping), API clients with group scoping, an SSH and an RDP
 * connection policy, and a channel policy of each protocol (group names, the built-in 7x24 time
 * policy, per-channel lists).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PATHS, SINGLETON_ENDPOINTS } from '../../src/model';
import type { SimulatorHandle } from '../../src/simulator';
import { RestSession } from '../support/rest-session';
import { startTestSimulator } from '../support/simulator';
import { credentials } from './spawn-export';

const BUILTIN_POLICIES = { channel_policy: '-304001002', settings: '-3040010', audit_policy: '-10000', authentication_policy: '-304002001' };

export interface Fixture {
  /** Non-built-in objects of the exported kinds. */
  readonly objects: number;
  /** Secrets the appliance returned when creating the API clients: they must never appear in an export. */
  readonly clientSecrets: string[];
  readonly names: { userLists: string[]; policies: string[]; apiClients: string[] };
}

export async function fillAppliance(url: string, user = 'admin', password = 'admin'): Promise<Fixture> {
  const admin = await RestSession.login(url, user, password);
  const create = async (path: string, body: unknown): Promise<{ key: string; json: Record<string, unknown> }> => {
    const response = await admin.call('POST', path, body);
    if (response.status !== 201) throw new Error(`POST ${path} → ${response.status} ${JSON.stringify(response.json)}`);
    return { key: response.json.key as string, json: response.json };
  };
  const named = async (path: string, name: string) => (await create(path, { name })).key;

  const address = (value: string) => ({ selection: 'address', value });
  const channelPolicies = [
    [PATHS.httpChannelPolicies, { name: 'strict-channel', rules: [{ channel: 'http', allowed_for: { gateway_groups: [], remote_groups: ['web-admins'] }, from: [address('10.0.0.0/8')] }] }],
    [PATHS.sshChannelPolicies, { name: 'ops-shell', rules: [{ channel: 'session-shell', allowed_for: { gateway_groups: ['team-ops'], remote_groups: [] }, time_policy: '-100' }, { channel: 'session-exec', execs: ['rsync .*'] }] }],
    [PATHS.rdpChannelPolicies, { name: 'remote-app', rules: [{ channel: '#drawing', actions: { audit: true, four_eyes: true, ids: false, content_policy: null } }, { channel: 'customs', customs: ['rail', 'rail_ri'] }] }],
  ] as const;
  const strictChannel = (await create(channelPolicies[0][0], channelPolicies[0][1])).key;
  for (const [path, body] of channelPolicies.slice(1)) await create(path, body);
  // Objects the provider only reads: custom policies, groups, certificates.
  const portalCert = await named(PATHS.x509Identities, 'portal-cert');
  const internalCa = await named(PATHS.signingCas, 'internal-ca');
  const corpRoots = await named(PATHS.trustedCaLists, 'corp-roots');
  const fastIndex = await named(PATHS.indexingPolicies, 'fast-index');
  const ldap = await named(PATHS.ldapServers, 'corp-ldap');
  const backup = await named(PATHS.backupPolicies, 'nightly');
  const usermapping = await named(PATHS.usermappingPolicies, 'map-all');
  const archive = await named(PATHS.archiveCleanupPolicies, 'archive 90 days');
  const analytics = await named(PATHS.analyticsPolicies, 'analytics');
  const siemOperators = await named(PATHS.localGroups, 'siem-operators');
  const auditors = await named(PATHS.localGroups, 'auditors');

  const userLists = [
    { name: 'team-ops', allow: 'no_user', except: ['alice', 'bob'] },
    { name: 'Team Ops', allow: 'all_users', except: ['mallory'] },
    { name: 'contractors', allow: 'all_users', except: ['root', 'admin'] },
    { name: 'empty-whitelist', allow: 'no_user', except: [] },
    // cdktf's own token markers too: text from the appliance must never become a reference.
    { name: '2024 "audit" ${var.x} %{if}', allow: 'no_user', except: ['auditor', '${TfToken[TOKEN.1]}', '#{TfToken[TOKEN.2]}', '&{TfToken[TOKEN.3]}', '$${TfToken[TOKEN.1]}%{x}'] },
  ];
  for (const list of userLists) await create(PATHS.userLists, list);

  const network = (i: number) => ({ clients: ['10.0.0.0/8'], targets: [`10.1.${i}.0/24`], ports: [443, 8443] });
  const policies = [
    {
      name: 'original-with-dns',
      network: network(1),
      server_address: { selection: 'original', custom_dns: 'dns.example.com' },
      policies: BUILTIN_POLICIES,
    },
    {
      name: 'nat-audited',
      active: false,
      network: network(2),
      server_address: { selection: 'nat', network: '192.168.10.0/24' },
      source_address: { selection: 'original' },
      access_control: [
        { authorizer: 'security', permission: 'audit_and_authorize', require_different_ip: true, require_different_username: true, subject: { selection: 'everybody' } },
        { authorizer: 'ops-leads', permission: 'authorize', require_different_ip: false, require_different_username: true, subject: { selection: 'only', group: 'contractors' } },
      ],
      rate_limit: { enabled: true, value: 30 },
      channel_database_cleanup: { enabled: true, days: 90 },
      override_log_level: { enabled: true, log_level: 5 },
      log_audit_trail_downloads: true,
      policies: BUILTIN_POLICIES,
    },
    {
      name: 'fixed-proxy-tls',
      network: network(3),
      server_address: { selection: 'fix', address: 'app.example.com', port: 8443 },
      source_address: { selection: 'fix', address: '10.9.9.9' },
      web_proxy: { enabled: true, transport_security: { selection: 'tls', host_certification_method: { selection: 'fix', x509_identity: portalCert } } },
      transport_security: { selection: 'client-only', host_certification_method: { selection: 'generate', signing_ca: internalCa } },
      indexing: { enabled: true, policy: fastIndex, priority: 1 },
      policies: { ...BUILTIN_POLICIES, channel_policy: strictChannel },
    },
    {
      name: 'inband-everything',
      network: network(4),
      server_address: {
        selection: 'inband',
        domains: [
          { domain: { selection: 'domain', value: '*.intranet.example.com' }, port: 443 },
          { domain: { selection: 'address', value: '10.50.0.0/16' }, port: 8080 },
        ],
        exception_domains: [
          { domain: { selection: 'domain', value: 'secret.intranet.example.com' }, port: 443 },
          { domain: { selection: 'address', value: '10.50.1.1' } },
        ],
        dns_server: '10.0.0.53',
        dns_suffixes: ['intranet.example.com', 'example.com'],
        custom_dns: '10.0.0.54',
      },
      web_proxy: { enabled: true, transport_security: { selection: 'tls', host_certification_method: { selection: 'generate', signing_ca: internalCa } } },
      transport_security: {
        selection: 'client-server',
        allow_non_encrypted: true,
        server_certificate_check: { enabled: true, trusted_ca: corpRoots },
        host_certification_method: { selection: 'fix', x509_identity: portalCert },
      },
      indexing: { enabled: true, policy: '-50000', priority: 3 },
      policies: {
        channel_policy: strictChannel,
        settings: '-3040010',
        audit_policy: '-10000',
        authentication_policy: '-304002001',
        ldap_server: ldap,
        backup_policy: backup,
        usermapping_policy: usermapping,
        archive_cleanup_policy: archive,
        analytics_policy: analytics,
      },
    },
    {
      name: 'plain-proxy',
      network: network(5),
      server_address: { selection: 'fix', address: '10.1.5.10', port: 80 },
      web_proxy: { enabled: true },
      transport_security: {
        selection: 'client-server',
        host_certification_method: { selection: 'generate', signing_ca: internalCa },
      },
      policies: BUILTIN_POLICIES,
    },
  ];
  for (const policy of policies) await create(PATHS.httpConnectionPolicies, policy);

  // One SSH and one RDP connection policy: the same shared fields, their protocols' policies.
  const sshPolicy = {
    name: 'ssh-jump-host',
    network: { clients: ['10.0.0.0/8'], targets: ['10.2.0.1'], ports: [22] },
    server_address: { selection: 'inband', domains: [{ domain: { selection: 'address', value: '10.60.0.0/16' }, port: 22 }], dns_suffixes: ['db.example.com'] },
    rate_limit: { enabled: true, value: 20 },
    policies: { channel_policy: '-10100', settings: '-300', audit_policy: '-10000', authentication_policy: '-200', ldap_server: ldap },
  };
  const rdpPolicy = {
    name: 'rdp-terminal-server',
    network: { clients: ['10.0.0.0/8'], targets: ['10.3.0.10'], ports: [3389] },
    server_address: { selection: 'fix', address: 'rds.example.com', port: 3389 },
    source_address: { selection: 'original' },
    channel_database_cleanup: { enabled: true, days: 180 },
    policies: { channel_policy: '-20100', settings: '-301', audit_policy: '-10000' },
  };
  await create(PATHS.sshConnectionPolicies, sshPolicy);
  await create(PATHS.rdpConnectionPolicies, rdpPolicy);

  const apiClients = [
    { name: 'siem', scopes: ['logs', 'sessions'], applies_to: { selection: 'groups', groups: [siemOperators, auditors] } },
    { name: 'backup-bot', scopes: ['config'], applies_to: { selection: 'all' } },
  ];
  const clientSecrets: string[] = [];
  for (const client of apiClients) {
    const { json } = await create(PATHS.apiClients, client);
    const secret = (json.client_secret ?? (json.body as Record<string, unknown> | undefined)?.client_secret) as string | undefined;
    if (!secret) throw new Error('the simulator returned no client secret');
    clientSecrets.push(secret);
  }
  const commit = await admin.commit('filled by test/export/fixture.ts');
  if (commit.status !== 200) throw new Error(`commit → ${commit.status} ${JSON.stringify(commit.json)}`);
  await admin.call('DELETE', '/api/authentication');
  return {
    objects: userLists.length + policies.length + apiClients.length + 2 + channelPolicies.length,
    clientSecrets,
    names: { userLists: userLists.map((l) => l.name), policies: [...policies, sshPolicy, rdpPolicy].map((p) => p.name), apiClients: apiClients.map((c) => c.name) },
  };
}

/** Two time policies (several intervals a day, days left empty, a name that needs escaping) in one commit; returns their names. */
export async function addTimePolicies(url: string, user: string, password: string): Promise<string[]> {
  const admin = await RestSession.login(url, user, password);
  const workday = [['8:00', '12:00'], ['13:00', '17:30']];
  const policies = [
    { name: 'work-hours', Mon: workday, Tue: workday, Wed: workday, Thu: workday, Fri: workday, Sat: [['9:00', '13:00']] },
    { name: 'nights-${var.x}-%{if}', Sun: [['0:00', '6:00'], ['22:00', '23:59']] },
  ];
  for (const policy of policies) {
    const response = await admin.call('POST', PATHS.timePolicies, policy);
    if (response.status !== 201) throw new Error(`POST → ${response.status} ${JSON.stringify(response.json)}`);
  }
  const commit = await admin.commit('time policies');
  if (commit.status !== 200) throw new Error(`commit → ${commit.status}`);
  await admin.call('DELETE', '/api/authentication');
  return policies.map((policy) => policy.name);
}

/** What addGenericObjects made: the secret it stored, which no export may contain. */
export interface GenericFixture {
  readonly ldapKey: string;
  readonly contentPolicyKey: string;
  readonly bindPassword: string;
}

/**
 * Objects of kinds without a typed resource, in one commit, with fields the model does not know
 * (kept as sent, as the appliance keeps them): an LDAP server with a bind password, nested objects,
 * a list of servers, nulls, and text that needs escaping in HCL and CDKTF; a content policy with
 * rules; and a changed SSH options singleton.
 */
export async function addGenericObjects(url: string, user: string, password: string): Promise<GenericFixture> {
  const admin = await RestSession.login(url, user, password);
  const create = async (path: string, body: unknown): Promise<string> => {
    const response = await admin.call('POST', path, body);
    if (response.status !== 201) throw new Error(`POST ${path} → ${response.status} ${JSON.stringify(response.json)}`);
    return response.json.key as string;
  };
  const bindPassword = 'bind-Pa55-not-in-files';
  const ldapKey = await create(PATHS.ldapServers, {
    name: 'branch-ldap',
    description: 'The "branch" directory \\ ${var.x} %{if}\ttabbed',
    schema: { selection: 'ad', nested_groups: true, membership_attribute: 'memberOf' },
    user_base_dn: 'ou=people,dc=branch,dc=example,dc=com',
    servers: [
      { host: 'ldap1.branch.example.com', port: 636 },
      { host: 'ldap2.branch.example.com', port: 636 },
    ],
    bind_dn: 'cn=sps,ou=service,dc=branch,dc=example,dc=com',
    bind_password: bindPassword,
    encryption: { selection: 'ssl', client_authentication: { enabled: false } },
    referrals: null,
    'x-vendor-option': [1, null, 'on'],
    // cdktf's token markers: appliance text must never become a token.
    note: '${TfToken[TOKEN.1]} #{TfToken[TOKEN.2]}',
  });
  const contentPolicyKey = await create(PATHS.contentPolicies, {
    name: 'block-rm',
    rules: [{ event: 'command', patterns: ['rm -rf /', 'mkfs.*'], actions: { terminate: true, notify: false } }],
  });
  const options = await admin.call('GET', SINGLETON_ENDPOINTS.sshOptions.path);
  const changed = await admin.call('PUT', SINGLETON_ENDPOINTS.sshOptions.path, { ...options.json.body, service: { ...options.json.body.service, log_level: 6 } });
  if (changed.status !== 200) throw new Error(`PUT ssh options → ${changed.status} ${JSON.stringify(changed.json)}`);
  const commit = await admin.commit('generic objects');
  if (commit.status !== 200) throw new Error(`commit → ${commit.status} ${JSON.stringify(commit.json)}`);
  await admin.call('DELETE', '/api/authentication');
  return { ldapKey, contentPolicyKey, bindPassword };
}

/** Adds `count` user lists in one commit (for progress and volume tests). */
export async function addUserLists(url: string, count: number, user = 'admin', password = 'admin'): Promise<void> {
  const admin = await RestSession.login(url, user, password);
  for (let i = 0; i < count; i++) {
    const response = await admin.call('POST', PATHS.userLists, { name: `bulk-${String(i).padStart(4, '0')}`, allow: 'no_user', except: [`user${i}`] });
    if (response.status !== 201) throw new Error(`POST → ${response.status}`);
  }
  const commit = await admin.commit('bulk user lists');
  if (commit.status !== 200) throw new Error(`commit → ${commit.status}`);
  await admin.call('DELETE', '/api/authentication');
}

export interface ExportSuite<T> {
  /** A scratch directory for the suite, removed after it. */
  readonly scratch: string;
  /** The suite's simulator (from beforeAll on). */
  readonly simulator: SimulatorHandle;
  /** What `fill` returned (from beforeAll on). */
  readonly fixture: T;
  /** The environment for an export that logs in as the suite's user. */
  env(): Record<string, string>;
}

/**
 * What every export test file sets up: a scratch directory, and a simulator that `fill` fills
 * before all tests, logged in as `login` (an extra user of the simulator; admin if not given);
 * both go after all tests.
 */
export function useExportSuite<T>(name: string, fill: (url: string, user: string, password: string) => Promise<T>, login?: { user: string; password: string }): ExportSuite<T> {
  const scratch = mkdtempSync(join(tmpdir(), `sps-export-${name}-`));
  const { user, password } = login ?? { user: 'admin', password: 'admin' };
  let simulator: SimulatorHandle | undefined;
  let fixture: { value: T } | undefined;
  beforeAll(async () => {
    simulator = await startTestSimulator(login ? { users: [{ name: user, password }] } : {});
    fixture = { value: await fill(simulator.url, user, password) };
  });
  afterAll(async () => {
    rmSync(scratch, { recursive: true, force: true });
    await simulator?.close();
  });
  const started = (): SimulatorHandle => {
    if (!simulator) throw new Error('the export suite has not started its simulator yet');
    return simulator;
  };
  return {
    scratch,
    get simulator() {
      return started();
    },
    get fixture() {
      if (!fixture) throw new Error('the export suite has not filled its simulator yet');
      return fixture.value;
    },
    env: () => credentials(started().url, user, password),
  };
}
