import { connectionControlFields, connectionPoliciesField, connectionTargetFields } from './connection-fields';
import { sshChannelPolicies } from './channel-policies';
import { reference } from './fields';
import { defineKind } from './kind';
import { PATHS } from './paths';
import { sshAuthenticationPolicies, sshSettingsPolicies } from './referenced-objects';

/**
 * "SSH connection policies" in the SPS REST API Reference Guide. The guide's page stops inside its
 * list sample, so the fields are those every connection policy has, and the SSH policies; SSH's own
 * fields (host keys, gateway authentication, …) are not modelled and are kept as they are on update.
 */
export const sshConnectionPolicies = defineKind({
  id: 'ssh_connection_policy',
  kind: 'SSH connection policy',
  plural: 'SSH connection policies',
  path: PATHS.sshConnectionPolicies,
  doc:
    'An SSH connection policy (`/api/configuration/ssh/connections`): which clients may reach which SSH servers through SPS, how the ' +
    'server address is found, who may authorize and audit, indexing, and the policies the connection uses (channels, SSH settings, ' +
    'authentication, audit). Referenced policies must exist; use the data sources (for example `sps_ssh_channel_policy`) to look up ' +
    'their keys by name. Fields the provider does not model (host keys, for example) are kept as they are on the appliance.',
  managed: true,
  lookup: true,
  fields: {
    ...connectionTargetFields,
    ...connectionControlFields('SSH'),
    policies: connectionPoliciesField('SSH', {
      channel: () => sshChannelPolicies,
      settings: () => sshSettingsPolicies,
      settingsDoc: 'algorithms, greetings and banners, timeouts',
      authentication: {
        authentication_policy: reference(
          () => sshAuthenticationPolicies,
          'Key of the SSH authentication policy (`sps_ssh_authentication_policy`): how clients authenticate on SPS and to the server. Cannot be null.',
        ),
      },
    }),
  },
  example: {
    initial: {
      name: 'bastion',
      network: { clients: ['10.20.0.0/16'], targets: ['10.40.0.0/16'], ports: [22] },
      server_address: { selection: 'inband', domains: [{ domain: { selection: 'address', value: '10.40.0.0/16' }, port: 22 }] },
      access_control: [{ authorizer: 'security', permission: 'audit', require_different_ip: false, require_different_username: true, subject: { selection: 'everybody' } }],
      // The built-in channel, settings, audit and authentication policies.
      policies: { channel_policy: '-10100', settings: '-300', audit_policy: '-10000', authentication_policy: '-200' },
    },
    updated: {
      name: 'bastion',
      network: { clients: ['10.20.0.0/16'], targets: ['10.40.0.0/16'], ports: [22, 2222] },
      server_address: { selection: 'inband', domains: [{ domain: { selection: 'address', value: '10.40.0.0/16' }, port: 22 }] },
      access_control: [{ authorizer: 'security', permission: 'audit', require_different_ip: false, require_different_username: true, subject: { selection: 'everybody' } }],
      rate_limit: { enabled: true, value: 30 },
      policies: { channel_policy: '-10100', settings: '-300', audit_policy: '-10000', authentication_policy: '-200' },
    },
  },
});

export type SshConnectionPolicy = ReturnType<(typeof sshConnectionPolicies)['schema']['parse']>;
