import * as z from 'zod';
import { cidrField, nameField, portField } from './common-fields';
import { bool, type Fields, list, object, oneOf, reference, set, string, variant, variants } from './fields';
import { defineKind } from './kind';
import { PATHS } from './paths';
import { contentPolicies } from './referenced-objects';
import { timePolicies } from './time-policy';
import { userLists } from './user-list';

/**
 * "Channel policy" and the "SSH channels" / "RDP channels" tables of the SPS REST API Reference
 * Guide: which channels a connection may open, for whom, from and to where, and when. The three
 * protocols share the rule; each has its own channel names and the lists some channels carry.
 * The guide's element table is cut in every stored copy, so defaults and the shape of `from` and
 * `target` are our choices (listed in the README's simulator section).
 */

const BUILTIN_7X24 = '-100';

/** An address as the channel rules hold them (the guide's `networks`: `{"selection": "address", "value": "192.168.1.1"}`). */
const address = (doc: string) =>
  object(doc, {
    selection: oneOf(['address'], '`address` (the only selection the guide shows): `value` is an IP address or range. Defaults to `address`.').default('address'),
    value: cidrField('An IP address or CIDR range, e.g. `10.0.0.0/8`.'),
  });

const addresses = (what: string, doc: string) => list(address(`A ${what}.`), doc, { unique: `${what}es` }).default([]);

/** Seed 002 (user lists): "To use this option, you must also configure web gateway authentication in the connection policy, or client-side gateway authentication back-end in the authentication policy." */
const USER_LIST_ADVICE =
  'A user list in a channel rule takes effect only with gateway authentication: web gateway authentication in the connection policy, or a ' +
  'client-side gateway authentication back-end in the authentication policy. The provider does not manage those settings; check them on the ' +
  'connection policies that use this channel policy.';

const groupNames = (which: string, doc: string) =>
  set(nameField('A user list, local user group or LDAP group, by name.'), `${which} group names`, doc)
    .default([])
    .names(() => userLists, USER_LIST_ADVICE);

const GROUP_NAMES_DOC =
  'Names, not keys: a user list\'s name (`sps_user_list.ops.name`, which also gives Terraform the dependency), a local user group\'s ' +
  'or an LDAP group\'s. A name that matches no user list and no local group is taken as an LDAP group. Empty (the default): no restriction.';

/** What every rule has, whatever its protocol and channel. */
const ruleFields = {
  allowed_for: object('Who may open the channel. User lists here take effect only with gateway authentication: web gateway authentication in the connection policy, or a client-side gateway authentication back-end in the authentication policy. A plan that adds a user list here warns about it, since the provider does not manage those settings.', {
    gateway_groups: groupNames('gateway', `Groups of the users who authenticated on SPS (gateway authentication) that may open the channel. ${GROUP_NAMES_DOC}`),
    remote_groups: groupNames('remote', `Groups of the users on the target server that may open the channel. ${GROUP_NAMES_DOC}`),
  }).default({ gateway_groups: [], remote_groups: [] }),
  time_policy: reference(() => timePolicies, `Key of the time policy (\`sps_time_policy\`) during which the channel may be opened. Defaults to the built-in \`7x24\` (\`${BUILTIN_7X24}\`).`).default(BUILTIN_7X24),
  actions: object('What SPS does with the channel.', {
    audit: bool('Record the channel in the audit trail. Defaults to `true`.').default(true),
    four_eyes: bool('Require four-eyes authorization to open the channel. Defaults to `false`.').default(false),
    ids: bool('Send the channel to an intrusion detection system. Defaults to `false`.').default(false),
    content_policy: reference(() => contentPolicies, 'Key of the content policy (`sps_content_policy`) applied to the channel, or null (the default).').nullable().default(null),
  }).default({ audit: true, four_eyes: false, ids: false, content_policy: null }),
  from: addresses('client address', 'The clients that may open the channel. Empty (the default): any client.'),
  target: addresses('target address', 'The servers the channel may be opened to. Empty (the default): any server.'),
};

/** The rules of one protocol: one per permitted channel, told apart by `channel`; `cases` are the channels and the fields each adds. */
function rules<C extends Record<string, Fields>>(protocol: string, cases: { [K in keyof C]: { fields: C[K] } }) {
  const channels = Object.keys(cases).map((name) => `\`${name}\``);
  const rule = variants(
    'channel',
    `A channel that connections may open, and the restrictions on it.`,
    { onDoc: `The ${protocol} channel: ${channels.join(', ')}.`, message: `channel must be one of ${Object.keys(cases).map((name) => `"${name}"`).join(', ')} (the ${protocol} channels)`, shared: ruleFields },
    cases,
  );
  return list(rule, 'The channels connections may open, one rule each; a channel without a rule cannot be opened.');
}

const nonEmptyString = z.string().min(1, 'must not be empty');
const stringList = (what: string, doc: string, item: string) => list(string(item, nonEmptyString), doc, { unique: what }).default([]);

/** The body of a rule of `channel` with every default: the built-ins' rules. */
const defaultRule = <const Channel extends string>(channel: Channel) => ({
  channel,
  allowed_for: { gateway_groups: [], remote_groups: [] },
  time_policy: BUILTIN_7X24,
  actions: { audit: true, four_eyes: false, ids: false, content_policy: null },
  from: [],
  target: [],
});

const name = nameField('The name of the channel policy.');

export const httpChannelPolicies = defineKind({
  id: 'http_channel_policy',
  kind: 'HTTP channel policy',
  plural: 'HTTP channel policies',
  path: PATHS.httpChannelPolicies,
  doc:
    'An HTTP channel policy (`/api/configuration/http/channel_policies`): which HTTP channels (`http`, `websocket`) connections may ' +
    'open, for whom, from and to where, and when. An HTTP connection policy references it (`policies.channel_policy`). The built-in ' +
    '`default` allows `http` for everybody at any time.',
  managed: true,
  lookup: true,
  fields: {
    name,
    rules: rules('HTTP', { http: variant({}), websocket: variant({}) }),
  },
  builtins: [{ key: '-304001002', body: { name: 'default', rules: [defaultRule('http')] } }],
  example: {
    initial: {
      name: 'web',
      rules: [
        { channel: 'http', from: [{ value: '10.0.0.0/8' }] },
        { channel: 'websocket', allowed_for: { remote_groups: ['web-admins'] } },
      ],
    },
    updated: {
      name: 'web',
      rules: [
        { channel: 'http', from: [{ value: '10.0.0.0/8' }] },
        { channel: 'websocket', allowed_for: { remote_groups: ['web-admins', 'web-ops'] } },
      ],
    },
  },
});

export const sshChannelPolicies = defineKind({
  id: 'ssh_channel_policy',
  kind: 'SSH channel policy',
  plural: 'SSH channel policies',
  path: PATHS.sshChannelPolicies,
  doc:
    'An SSH channel policy (`/api/configuration/ssh/channel_policies`): which SSH channels (terminal session, command execution, ' +
    'SCP, subsystems such as SFTP, port forwarding, X11, agent) connections may open, for whom, from and to where, and when. ' +
    'The built-in `default` allows the session shell only.',
  managed: true,
  lookup: true,
  fields: {
    name,
    rules: rules('SSH', {
      'session-shell': variant({}),
      'session-exec': variant({
        execs: stringList('commands', 'With `session-exec`: the commands that may be executed (the guide allows regular expressions). Empty (the default): any command.', 'A command.'),
      }),
      'session-exec-scp': variant({}),
      'session-subsystem': variant({
        subsystems: stringList('subsystems', 'With `session-subsystem`: the subsystems that may be opened, e.g. `sftp`. Empty (the default): any subsystem.', 'A subsystem name.'),
      }),
      'local-forwards': variant({
        local_forwards: list(
          object('A permitted local forward.', {
            host_address: address('The host the traffic is forwarded to.'),
            host_port: portField('The port on that host.'),
            originator_address: address('The client the forwarded traffic may come from.'),
          }),
          'With `local-forwards`: the permitted forwards. Empty (the default): no restriction.',
          { unique: 'local forwards' },
        ).default([]),
      }),
      'remote-forwards': variant({
        remote_forwards: list(
          object('A permitted remote forward.', {
            connected_address: address('The address on the server side that is forwarded.'),
            connected_port: portField('The port on the server side that is forwarded.'),
            originator_address: address('The address the forwarded traffic may come from.'),
          }),
          'With `remote-forwards`: the permitted forwards. Empty (the default): no restriction.',
          { unique: 'remote forwards' },
        ).default([]),
      }),
      x11: variant({ networks: addresses('client address', 'With `x11`: the clients the X11 session may be forwarded to. Empty (the default): any client.') }),
      'auth-agent': variant({}),
    }),
  },
  // The key is our choice: the guide shows no SSH built-in; "The default SSH channel policy allows session shell access only."
  builtins: [{ key: '-10100', body: { name: 'default', rules: [defaultRule('session-shell')] } }],
  example: {
    initial: {
      name: 'ops',
      rules: [
        { channel: 'session-shell', allowed_for: { remote_groups: ['ops'] } },
        { channel: 'session-exec', execs: ['rsync .*'] },
        { channel: 'x11', networks: [{ value: '10.1.0.0/16' }] },
      ],
    },
    updated: {
      name: 'ops',
      rules: [
        { channel: 'session-shell', allowed_for: { remote_groups: ['ops'] } },
        { channel: 'session-exec', execs: ['rsync .*', 'uptime'] },
        { channel: 'x11', networks: [{ value: '10.1.0.0/16' }] },
      ],
    },
  },
});

export const rdpChannelPolicies = defineKind({
  id: 'rdp_channel_policy',
  kind: 'RDP channel policy',
  plural: 'RDP channel policies',
  path: PATHS.rdpChannelPolicies,
  doc:
    'An RDP channel policy (`/api/configuration/rdp/channel_policies`): which RDP channels (the desktop `#drawing`, clipboard, device ' +
    'redirection, sound, custom, seamless and dynamic virtual channels) connections may open, for whom, from and to where, and when. ' +
    'RDP does not work without `#drawing`. The built-in `default` allows `#drawing` only.',
  managed: true,
  lookup: true,
  fields: {
    name,
    rules: rules('RDP', {
      '#drawing': variant({}),
      cliprdr: variant({}),
      rdpdr: variant({}),
      'rdpdr-serial': variant({}),
      rdpsnd: variant({}),
      customs: variant({
        customs: stringList('custom channel names', 'With `customs`: the custom channels permitted, by their unique names (e.g. `rail`, `rail_ri`, `rail_wi` for RemoteApp). Empty (the default): every custom channel.', 'A custom channel name.'),
      }),
      seamrdp: variant({}),
      drdynvc: variant({}),
    }),
  },
  // -20100 is the first item of the guide's RDP channel policy list; its name and rules are our choice.
  builtins: [{ key: '-20100', body: { name: 'default', rules: [defaultRule('#drawing')] } }],
  example: {
    initial: {
      name: 'remote_app',
      rules: [
        { channel: '#drawing' },
        { channel: 'customs', customs: ['rail'] },
        { channel: 'cliprdr', actions: { four_eyes: true }, target: [{ value: '10.20.0.0/16' }] },
      ],
    },
    updated: {
      name: 'remote_app',
      rules: [
        { channel: '#drawing' },
        { channel: 'customs', customs: ['rail', 'rail_ri', 'rail_wi'] },
        { channel: 'cliprdr', actions: { four_eyes: true }, target: [{ value: '10.20.0.0/16' }] },
      ],
    },
  },
});
