import { rdpChannelPolicies } from './channel-policies';
import { connectionControlFields, connectionPoliciesField, connectionTargetFields } from './connection-fields';
import { defineKind } from './kind';
import { PATHS } from './paths';
import { rdpSettingsPolicies } from './referenced-objects';

/**
 * "RDP connection policies" in the SPS REST API Reference Guide. The guide's page stops inside its
 * sample, so the fields are those every connection policy has, and the RDP policies (RDP has no
 * authentication policies); RDP's own fields (TLS, Remote Desktop Gateway, …) are not modelled and
 * are kept as they are on update.
 */
export const rdpConnectionPolicies = defineKind({
  id: 'rdp_connection_policy',
  kind: 'RDP connection policy',
  plural: 'RDP connection policies',
  path: PATHS.rdpConnectionPolicies,
  doc:
    'An RDP connection policy (`/api/configuration/rdp/connections`): which clients may reach which RDP servers through SPS, how the ' +
    'server address is found, who may authorize and audit, indexing, and the policies the connection uses (channels, RDP settings, ' +
    'audit). Referenced policies must exist; use the data sources (for example `sps_rdp_channel_policy`) to look up their keys by ' +
    'name. Fields the provider does not model (TLS and Remote Desktop Gateway settings, for example) are kept as they are on the appliance.',
  managed: true,
  lookup: true,
  fields: {
    ...connectionTargetFields,
    ...connectionControlFields('RDP'),
    policies: connectionPoliciesField('RDP', {
      channel: () => rdpChannelPolicies,
      settings: () => rdpSettingsPolicies,
      settingsDoc: 'timeouts, display, protocol version and authentication',
      authentication: {},
    }),
  },
  example: {
    initial: {
      name: 'terminal',
      network: { clients: ['10.20.0.0/16'], targets: ['10.50.0.10'], ports: [3389] },
      server_address: { selection: 'fix', address: 'rds.example.com', port: 3389 },
      source_address: { selection: 'original' },
      // The built-in channel, settings and audit policies.
      policies: { channel_policy: '-20100', settings: '-301', audit_policy: '-10000' },
    },
    updated: {
      name: 'terminal',
      network: { clients: ['10.20.0.0/16'], targets: ['10.50.0.10'], ports: [3389] },
      server_address: { selection: 'fix', address: 'rds.example.com', port: 3389 },
      source_address: { selection: 'fix', address: '10.9.9.9' },
      channel_database_cleanup: { enabled: true, days: 180 },
      policies: { channel_policy: '-20100', settings: '-301', audit_policy: '-10000' },
    },
  },
});

export type RdpConnectionPolicy = ReturnType<(typeof rdpConnectionPolicies)['schema']['parse']>;
