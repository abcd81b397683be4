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
});

export type RdpConnectionPolicy = ReturnType<(typeof rdpConnectionPolicies)['schema']['parse']>;
