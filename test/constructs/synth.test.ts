import { PgBackend, type PgBackendConfig, Testing, TerraformStack } from 'cdktf';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
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
  SpsProvider,
  UserList,
  ValidationError,
} from '../../src/constructs';
import { StateBackendCheck } from '../../src/constructs/state-backend-check';

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

describe('state in CI', () => {
  const warnings = (scope: TerraformStack) => scope.node.metadata.filter((entry) => entry.type === '@cdktf/warn').map((entry) => String(entry.data));

  it('warns at synth when a CI run would keep the state in a local file', () => {
    const local = stack();
    new StateBackendCheck({ CI: 'true' }).visit(local);
    expect(warnings(local)).toEqual([expect.stringMatching(/keeps its Terraform state in a local file, and this is a CI run.*PgBackend.*S3Backend.*CloudBackend/)]);

    const shared = stack();
    new PgBackend(shared, { schemaName: 'sps_test' } as PgBackendConfig);
    new StateBackendCheck({ CI: 'true' }).visit(shared);
    expect(warnings(shared)).toEqual([]);

    const laptop = stack();
    new StateBackendCheck({}).visit(laptop);
    expect(warnings(laptop)).toEqual([]);
  });

  it('is checked for every stack with an SpsProvider', () => {
    const scope = stack();
    new SpsProvider(scope, 'sps', {});
    const previous = process.env.CI;
    process.env.CI = 'true';
    try {
      const manifest = JSON.parse(readFileSync(join(Testing.fullSynth(scope), 'manifest.json'), 'utf8'));
      const annotations = Object.values(manifest.stacks as Record<string, { annotations: Array<{ level: string; message: string }> }>).flatMap((s) => s.annotations);
      expect(annotations).toEqual([expect.objectContaining({ level: '@cdktf/warn', message: expect.stringMatching(/local file/) })]);
    } finally {
      if (previous === undefined) delete process.env.CI;
      else process.env.CI = previous;
    }
  });
});
