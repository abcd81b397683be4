import { Testing, TerraformStack } from 'cdktf';
import {
  ApiClient,
  AppliesTo,
  AuditPolicy,
  HttpAuthenticationPolicy,
  HttpChannelPolicy,
  HttpConnectionPolicy,
  HttpSettingsPolicy,
  LocalGroup,
  ServerAddress,
  TransportSecurity,
  UserList,
  ValidationError,
} from '../../src/constructs';

function stack(): TerraformStack {
  return new TerraformStack(Testing.app(), 'test');
}

const policies = {
  channelPolicy: HttpChannelPolicy.fromKey('-304001002'),
  settings: HttpSettingsPolicy.fromKey('-3040010'),
  auditPolicy: AuditPolicy.fromKey('-10000'),
  authenticationPolicy: HttpAuthenticationPolicy.fromKey('-304002001'),
};

describe('synth-time validation with the shared model', () => {
  it('fails in synth with the construct path and the field', () => {
    const attempt = () =>
      new HttpConnectionPolicy(stack(), 'broken', {
        name: 'broken',
        network: { clients: ['10.0.0.0/8'], targets: ['10.1.1.1'], ports: [70000] },
        serverAddress: ServerAddress.nat('10.0.0.0/40'),
        policies,
      });
    expect(attempt).toThrow(ValidationError);
    expect(attempt).toThrow(/test\/broken: invalid HTTP connection policy:\n\s+network\.ports\[0\]: must be a port number between 1 and 65535\n\s+server_address\.network: must be an IP address or CIDR range/);
    expect(() => UserList.allowOnly(stack(), 'dup', { name: 'x', users: ['a', 'a'] })).toThrow(/test\/dup: invalid user list:\n\s+except\[1\]: "a" is listed twice \(also at \[0\]\): usernames must be unique/);
    expect(() => new ApiClient(stack(), 'c', { name: 'c', scopes: [], appliesTo: AppliesTo.allUsers() })).toThrow(/test\/c: invalid API client:\n\s+scopes: must grant at least one scope/);
  });

  it('leaves values known only to Terraform (lookups) to plan time, and synthesizes the resources', () => {
    const scope = stack();
    new HttpConnectionPolicy(scope, 'web', {
      name: 'web',
      network: { clients: ['0.0.0.0/0'], targets: ['10.0.0.1'], ports: [443] },
      serverAddress: ServerAddress.inband({ domains: [{ domain: '*.example.com', port: 443 }] }),
      transportSecurity: TransportSecurity.disabled(),
      policies: { ...policies, channelPolicy: HttpChannelPolicy.fromName(scope, 'channel', 'default') },
    });
    new ApiClient(scope, 'siem', { name: 'siem', scopes: ['logs'], appliesTo: AppliesTo.groups([LocalGroup.fromName(scope, 'soc', 'soc')]) });
    const synthesized = JSON.parse(Testing.synth(scope));
    const policy = Object.values(synthesized.resource.sps_http_connection_policy)[0] as any;
    expect(policy.policies.channel_policy).toMatch(/^\$\{data\.sps_http_channel_policy\./);
    expect(policy.policies.audit_policy).toBe('-10000');
    expect(policy.server_address).toEqual({
      selection: 'inband',
      domains: [{ domain: { selection: 'domain', value: '*.example.com' }, port: 443 }],
      exception_domains: [],
      dns_suffixes: [],
    });
    const client = Object.values(synthesized.resource.sps_api_client)[0] as any;
    expect(client.applies_to).toEqual({ selection: 'groups', groups: [expect.stringMatching(/^\$\{data\.sps_local_group\./)] });
    // No outputs behind the user's back: the secret becomes an output only when asked for.
    expect(synthesized.output).toBeUndefined();
  });

  it('adds the client ID and the sensitive secret as outputs only when asked', () => {
    const scope = stack();
    new ApiClient(scope, 'siem', { name: 'siem', scopes: ['logs'], appliesTo: AppliesTo.allUsers(), outputs: true });
    const synthesized = JSON.parse(Testing.synth(scope));
    const outputs = Object.entries(synthesized.output) as Array<[string, any]>;
    expect(outputs.map(([name]) => name)).toEqual(expect.arrayContaining([expect.stringMatching(/ClientId/), expect.stringMatching(/ClientSecret/)]));
    expect(outputs.find(([name]) => /ClientSecret/.test(name))![1].sensitive).toBe(true);
  });

  it('takes only references of the right kind', () => {
    // An audit policy where a channel policy belongs: a type error in TypeScript, and at run time for JavaScript.
    const wrong = { ...policies, channelPolicy: AuditPolicy.fromKey('-10000') } as unknown as typeof policies;
    expect(
      () => new HttpConnectionPolicy(stack(), 'wrong', { name: 'w', network: { clients: ['0.0.0.0/0'], targets: ['10.0.0.1'], ports: [443] }, serverAddress: ServerAddress.original(), policies: wrong }),
    ).toThrow(/test\/wrong: invalid HttpConnectionPolicy: `policies.channelPolicy` must be an HTTP channel policy/);
    expect(() => HttpChannelPolicy.fromKey('default')).toThrow(/HttpChannelPolicy\.fromKey: "default" is not a key of an HTTP channel policy.*use HttpChannelPolicy\.fromName/);
  });
});
