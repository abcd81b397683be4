import { App, Testing, TerraformStack } from 'cdktf';
import { ApiClient, HttpChannelPolicy, HttpConnectionPolicy, ServerAddress, TransportSecurity, UserList } from '../../src/constructs';

function stack(): TerraformStack {
  return new TerraformStack(Testing.app(), 'test');
}

const policies = { channelPolicy: '-304001002', settings: '-3040010', auditPolicy: '-10000', authenticationPolicy: '-304002001' };

describe('synth-time validation with the shared model', () => {
  it('fails in synth with the construct path and the field', () => {
    const scope = stack();
    expect(
      () =>
        new HttpConnectionPolicy(scope, 'broken', {
          name: 'broken',
          network: { clients: ['10.0.0.0/8'], targets: ['10.1.1.1'], ports: [70000] },
          serverAddress: ServerAddress.nat('10.0.0.0/40'),
          policies: { ...policies, channelPolicy: 'default' },
        }),
    ).toThrow(/test\/broken: invalid HTTP connection policy:\n\s+network\.ports\[0\]: must be a port number between 1 and 65535\n\s+server_address\.network: must be an IP address or CIDR range.*\n\s+policies\.channel_policy: must be the key/);
    expect(() => UserList.allowOnly(stack(), 'dup', { name: 'x', users: ['a', 'a'] })).toThrow(/dup: invalid user list:\n\s+except: must not contain duplicate usernames/);
    expect(() => new ApiClient(stack(), 'c', { name: 'c', scopes: [] })).toThrow(/scopes: must grant at least one scope/);
  });

  it('leaves values known only to Terraform (lookups) to plan time, and synthesizes the resources', () => {
    const scope = stack();
    const channel = HttpChannelPolicy.fromName(scope, 'channel', 'default');
    new HttpConnectionPolicy(scope, 'web', {
      name: 'web',
      network: { clients: ['0.0.0.0/0'], targets: ['10.0.0.1'], ports: [443] },
      serverAddress: ServerAddress.inband({ domains: [{ domain: '*.example.com', port: 443 }] }),
      transportSecurity: TransportSecurity.disabled(),
      policies: { ...policies, channelPolicy: channel },
    });
    new ApiClient(scope, 'siem', { name: 'siem', scopes: ['logs'] });
    const synthesized = JSON.parse(Testing.synth(scope));
    const policy = Object.values(synthesized.resource.sps_http_connection_policy)[0] as any;
    expect(policy.policies.channel_policy).toMatch(/^\$\{data\.sps_http_channel_policy\./);
    expect(policy.server_address).toEqual({
      selection: 'inband',
      domains: [{ domain: { selection: 'domain', value: '*.example.com' }, port: 443 }],
      exception_domains: [],
      dns_suffixes: [],
    });
    expect(Object.keys(synthesized.output)).toEqual(expect.arrayContaining([expect.stringMatching(/ClientSecret/)]));
    expect((Object.values(synthesized.output) as any[]).find((o) => o.sensitive)).toBeDefined();
    void App;
  });
});
