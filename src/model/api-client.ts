import { nameField } from './common-fields';
import { oneOf, reference, set, string, variant, variants } from './fields';
import { defineKind } from './kind';
import { PATHS } from './paths';
import { localGroups } from './referenced-objects';

/**
 * Scopes an API client can be granted: configuration, logs, IP list, sessions. The SPS guide does
 * not describe API-client apps; their shape follows the OAuth client-credentials clients of other
 * security appliances, a choice listed in docs/guides/simulator.md.
 */
export const API_CLIENT_SCOPES = ['config', 'logs', 'ip', 'sessions'] as const;
export type ApiClientScope = (typeof API_CLIENT_SCOPES)[number];

/**
 * The shortest secret a create may choose for the client (instead of letting the appliance
 * generate one). Choosing is the simulator's choice where the reference is silent; see docs/guides/simulator.md.
 */
export const MIN_CHOSEN_SECRET_LENGTH = 24;

export const apiClients = defineKind({
  id: 'api_client',
  kind: 'API client',
  plural: 'API clients',
  path: PATHS.apiClients,
  doc:
    'An API-client app (`/api/configuration/aaa/api_clients`): a client ID and secret that a tool such as a SIEM uses to get OAuth ' +
    'tokens (client-credentials grant) limited to the granted scopes. A new client is `pending` until an administrator approves it.',
  managed: true,
  lookup: false,
  fields: {
    name: nameField('The name of the application.'),
    scopes: set(
      oneOf(API_CLIENT_SCOPES, 'A scope.'),
      'scopes',
      `The permissions granted: any of ${API_CLIENT_SCOPES.map((s) => `\`${s}\``).join(', ')} (configuration, log, IP-list and session APIs).`,
      { min: [1, 'must grant at least one scope'] },
    ),
    applies_to: variants(
      'selection',
      'Which users the permissions apply to.',
      { onDoc: '`all` (every user) or `groups` (the members of `groups`).', message: 'selection must be "all" or "groups"', helperClass: 'AppliesTo' },
      {
        all: variant({}, { method: 'allUsers' }),
        groups: variant(
          {
            groups: set(reference(() => localGroups, 'A local user group.'), 'groups', 'With `selection = "groups"`: keys of local user groups (`sps_local_group`).', {
              min: [1, 'must list at least one group when selection is "groups"'],
            }),
          },
          { method: 'groups', args: ['groups'] },
        ),
      },
    ),
  },
  example: {
    initial: { name: 'siem', scopes: ['logs'], applies_to: { selection: 'all' } },
    updated: { name: 'siem', scopes: ['logs', 'sessions'], applies_to: { selection: 'all' } },
  },
  computed: {
    client_id: { field: string('The client ID the application authenticates with.'), mode: 'stable' },
    client_secret: {
      field: string('The client secret. Known only for clients created by Terraform (the appliance returns it once, at creation); null after an import.').sensitive(),
      mode: 'create-only',
    },
    status: { field: oneOf(['pending', 'authorized'], '`pending` until an administrator approves the application, then `authorized`.'), mode: 'changing' },
  },
});

export type ApiClient = ReturnType<(typeof apiClients)['schema']['parse']>;
