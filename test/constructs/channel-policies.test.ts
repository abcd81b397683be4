/**
 * The channel policy constructs at synth: `allow` puts a UserList in by name (so Terraform orders
 * the list first) and the time policy by key; channels are checked per protocol; the HTTP channel
 * policy keeps its lookups (`fromName`, `fromKey`) now that it is managed.
 */
import { Testing, TerraformStack } from 'cdktf';
import { HttpChannelPolicy, RdpChannelPolicy, SshChannelPolicy, TimePolicy, UserList, ValidationError } from '../../src/constructs';

const stack = () => new TerraformStack(Testing.app(), 'app');
const loose = <T>(value: unknown) => value as T;

describe('channel policy constructs', () => {
  it('allow(): a UserList by its name, other groups as given, the time policy by its key, the rest defaulted', () => {
    const scope = stack();
    const operators = UserList.allowOnly(scope, 'operators', { name: 'operators', users: ['alice'] });
    const office = new TimePolicy(scope, 'office', { name: 'office', mon: [['8:00', '17:00']] });
    new SshChannelPolicy(scope, 'shell', {
      name: 'operators_shell',
      rules: [SshChannelPolicy.allow('session-shell', { remoteGroups: [operators, 'ldap-admins'], during: office }), { ...SshChannelPolicy.allow('session-exec'), execs: ['rsync .*'] }],
    });
    const synthesized = JSON.parse(Testing.synth(scope)).resource;
    const [policy] = Object.values(synthesized.sps_ssh_channel_policy) as Array<{ rules: Array<Record<string, unknown>> }>;
    const [listId] = Object.keys(synthesized.sps_user_list);
    const [timeId] = Object.keys(synthesized.sps_time_policy);
    expect(policy.rules[0]).toEqual({
      channel: 'session-shell',
      allowed_for: { gateway_groups: [], remote_groups: [`\${sps_user_list.${listId}.name}`, 'ldap-admins'] },
      time_policy: `\${sps_time_policy.${timeId}.id}`,
      actions: { audit: true, four_eyes: false, ids: false, content_policy: null },
      from: [],
      target: [],
    });
    expect(policy.rules[1]).toMatchObject({ channel: 'session-exec', execs: ['rsync .*'], time_policy: '-100' });
  });

  it('names a channel the protocol does not have, a list on the wrong channel, and a misspelt option', () => {
    expect(() => new RdpChannelPolicy(stack(), 'p', { name: 'p', rules: [loose({ channel: 'custom' })] })).toThrow(
      /app\/p: invalid RDP channel policy:\n {2}rules\[0\]\.channel: channel must be one of "#drawing", .*"customs".* \(the RDP channels\)/,
    );
    expect(() => new SshChannelPolicy(stack(), 'p', { name: 'p', rules: [loose({ channel: 'session-shell', execs: ['ls'] })] })).toThrow(
      'app/p: invalid SshChannelPolicy: `rules[0]` has an unknown property `execs`; known: `channel`, `allowedFor`, `timePolicy`, `actions`, `from`, `target`',
    );
    expect(() => HttpChannelPolicy.allow('http', loose({ remoteGroup: ['ops'] }))).toThrow('HttpChannelPolicy.allow: the options has an unknown property `remoteGroup` (did you mean `remoteGroups`?)');
    expect(() => HttpChannelPolicy.allow('http', { remoteGroups: [loose(42)] })).toThrow('HttpChannelPolicy.allow: `remoteGroups[0]` must be a UserList or a group name, got 42');
  });

  it('HttpChannelPolicy keeps fromName and fromKey, and a construct is a reference where a connection policy wants one', () => {
    const scope = stack();
    expect(HttpChannelPolicy.fromKey('-304001002')).toEqual({ httpChannelPolicyKey: '-304001002' });
    HttpChannelPolicy.fromName(scope, 'default', 'default');
    expect(JSON.parse(Testing.synth(scope)).data.sps_http_channel_policy.default).toEqual({ name: 'default' });
    const web = new HttpChannelPolicy(scope, 'web', { name: 'web', rules: [HttpChannelPolicy.allow('http')] });
    expect(HttpChannelPolicy.keyOf(web, 'policies.channelPolicy')).toMatch(/\$\{TfToken/);
  });

  it('refuses at synth a malformed group name, naming the field and the character', () => {
    expect(() => new SshChannelPolicy(stack(), 'p', { name: 'p', rules: [SshChannelPolicy.allow('x11', { gatewayGroups: ['ops\u200b'] })] })).toThrow(ValidationError);
    expect(() => new SshChannelPolicy(stack(), 'p', { name: 'p', rules: [SshChannelPolicy.allow('x11', { gatewayGroups: ['ops\u200b'] })] })).toThrow(
      'rules[0].allowed_for.gateway_groups[0]: character 4 is U+200B (ZERO WIDTH SPACE), invisible in a review',
    );
  });
});
