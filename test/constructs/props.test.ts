/**
 * Props and options are checked at run time, for apps that are not type-checked: a misspelt key
 * is an error naming the construct and the closest known key, a missing required key is an error
 * naming it (never a TypeError), and an empty list that would mean "everybody" needs an explicit
 * choice.
 */
import { Testing, TerraformStack } from 'cdktf';
import {
  ApiClient,
  AppliesTo,
  AuditPolicy,
  HostCertificate,
  HttpAuthenticationPolicy,
  HttpChannelPolicy,
  HttpConnectionPolicy,
  HttpSettingsPolicy,
  IndexingPolicy,
  ServerAddress,
  SigningCa,
  TransportSecurity,
  UserList,
  ValidationError,
} from '../../src/constructs';

const stack = () => new TerraformStack(Testing.app(), 'app');
/** Calls a construct or helper with props that are wrong on purpose (what a JavaScript app or a cast lets through). */
const loose = <T>(props: Record<string, unknown>) => props as unknown as T;

const policies = {
  channelPolicy: HttpChannelPolicy.fromKey('-304001002'),
  settings: HttpSettingsPolicy.fromKey('-3040010'),
  auditPolicy: AuditPolicy.fromKey('-10000'),
  authenticationPolicy: HttpAuthenticationPolicy.fromKey('-304002001'),
};
const policy = {
  name: 'intranet',
  network: { clients: ['10.0.0.0/8'], targets: ['10.1.1.1'], ports: [443] },
  serverAddress: ServerAddress.fixed('intranet.example.com', 443),
  policies,
};

describe('a misspelt key names the construct path, the key and the closest known one', () => {
  const cases: Array<[string, () => unknown, RegExp]> = [
    ['UserList', () => new UserList(stack(), 'l', loose({ name: 'n', allow: 'all_users', except: [], exept: ['x'] })), /app\/l: invalid UserList: the props has an unknown property `exept` \(did you mean `except`\?\)/],
    ['UserList.denyOnly', () => UserList.denyOnly(stack(), 'x', loose({ name: 'n', usres: ['root'] })), /app\/x: invalid UserList\.denyOnly: the options has an unknown property `usres` \(did you mean `users`\?\).*missing the required property `users`/],
    ['UserList.allowOnly', () => UserList.allowOnly(stack(), 'x', loose({ nmae: 'n', users: ['a'] })), /app\/x: invalid UserList\.allowOnly: .*`nmae` \(did you mean `name`\?\)/],
    ['UserList.allowEveryone', () => UserList.allowEveryone(stack(), 'x', loose({ name: 'n', users: ['a'] })), /app\/x: invalid UserList\.allowEveryone: the options has an unknown property `users`/],
    ['HttpConnectionPolicy', () => new HttpConnectionPolicy(stack(), 'p', loose({ ...policy, rateLimt: 5 })), /app\/p: invalid HttpConnectionPolicy: .*`rateLimt` \(did you mean `rateLimit`\?\)/],
    ['HttpConnectionPolicy network', () => new HttpConnectionPolicy(stack(), 'p', loose({ ...policy, network: { ...policy.network, clinets: ['1.1.1.1'] } })), /app\/p: .*`network` has an unknown property `clinets` \(did you mean `clients`\?\)/],
    ['HttpConnectionPolicy policies', () => new HttpConnectionPolicy(stack(), 'p', loose({ ...policy, policies: { ...policies, auditPolcy: policies.auditPolicy } })), /`policies` has an unknown property `auditPolcy` \(did you mean `auditPolicy`\?\)/],
    ['HttpConnectionPolicy indexing', () => new HttpConnectionPolicy(stack(), 'p', loose({ ...policy, indexing: { policy: IndexingPolicy.fromKey('-50000'), priorty: 1 } })), /`indexing` has an unknown property `priorty` \(did you mean `priority`\?\)/],
    ['HttpConnectionPolicy accessControl', () => new HttpConnectionPolicy(stack(), 'p', loose({ ...policy, accessControl: [{ authorizer: 'a', permission: 'audit', requireDifferentIp: true, requireDifferentUsername: true, subjet: {} }] })), /`accessControl\[0\]` has an unknown property `subjet` \(did you mean `subject`\?\)/],
    ['ApiClient', () => new ApiClient(stack(), 'c', loose({ name: 'c', scopes: ['logs'], appliesTo: AppliesTo.allUsers(), rotaton: '1' })), /app\/c: invalid ApiClient: .*`rotaton` \(did you mean `rotation`\?\)/],
    ['ServerAddress.inband', () => ServerAddress.inband(loose({ domians: [] })), /ServerAddress\.inband: the options has an unknown property `domians` \(did you mean `domains`\?\)/],
    ['TransportSecurity.clientServer', () => TransportSecurity.clientServer(loose({ certificate: HostCertificate.generated(SigningCa.fromKey('-1')), trustedCA: 'x' })), /TransportSecurity\.clientServer: .*`trustedCA` \(did you mean `trustedCa`\?\)/],
  ];
  it.each(cases)('%s', (_name, attempt, message) => {
    expect(attempt).toThrow(message);
  });
});

describe('a missing required key is named, never a TypeError', () => {
  it('HttpConnectionPolicy without serverAddress (misspelt)', () => {
    const { serverAddress, ...rest } = policy;
    const attempt = () => new HttpConnectionPolicy(stack(), 'p', loose({ ...rest, serverAdress: serverAddress }));
    expect(attempt).toThrow(ValidationError);
    expect(attempt).toThrow(/app\/p: invalid HttpConnectionPolicy: .*`serverAdress` \(did you mean `serverAddress`\?\).*missing the required property `serverAddress`/);
  });

  it('HttpConnectionPolicy without policies', () => {
    expect(() => new HttpConnectionPolicy(stack(), 'p', loose({ ...policy, policies: undefined }))).toThrow(/app\/p: .*missing the required property `policies`/);
  });

  it('ApiClient without appliesTo: "all users" is never a default', () => {
    expect(() => new ApiClient(stack(), 'c', loose({ name: 'c', scopes: ['logs'] }))).toThrow(/app\/c: invalid ApiClient: the props is missing the required property `appliesTo`/);
  });

  it('UserList without except', () => {
    expect(() => new UserList(stack(), 'l', loose({ name: 'n', allow: 'all_users' }))).toThrow(/app\/l: invalid UserList: the props is missing the required property `except`/);
  });
});

describe('an empty list that would mean "everybody" needs an explicit choice', () => {
  it('denyOnly with no users fails and points to allowEveryone', () => {
    expect(() => UserList.denyOnly(stack(), 'x', { name: 'n', users: [] })).toThrow(/app\/x: invalid UserList\.denyOnly: `users` is empty: an empty blacklist permits everybody: use UserList\.allowEveryone/);
  });

  it('allowEveryone and allowNobody say it explicitly', () => {
    const scope = stack();
    UserList.allowEveryone(scope, 'all', { name: 'all' });
    UserList.allowNobody(scope, 'none', { name: 'none' });
    const lists = Object.values(JSON.parse(Testing.synth(scope)).resource.sps_user_list) as Array<{ name: string; allow: string; except: string[] }>;
    expect(lists).toEqual([
      expect.objectContaining({ name: 'all', allow: 'all_users', except: [] }),
      expect.objectContaining({ name: 'none', allow: 'no_user', except: [] }),
    ]);
  });

  it('AppliesTo.groups() with no group fails and points to AppliesTo.allUsers()', () => {
    expect(() => AppliesTo.groups([])).toThrow(/AppliesTo\.groups: list at least one local user group \(for every user, use AppliesTo\.allUsers\(\)\)/);
  });

  it('a server-verifying TLS connection without a trusted CA must say that any certificate is accepted', () => {
    const certificate = HostCertificate.generated(SigningCa.fromKey('-1'));
    expect(() => TransportSecurity.clientServer({ certificate })).toThrow(/give `trustedCa`.*or `verifyServer: false`/);
    expect(TransportSecurity.clientServer({ certificate, verifyServer: false }).config.serverCertificateCheck).toEqual({ enabled: false });
  });
});
