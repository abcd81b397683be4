import { type ApiClient, API_CLIENT_SCOPES, apiClientReadOnly, apiClients } from '../../model';
import type { ObjectValue, Resource } from '../../plugin/framework';
import type { ProviderRuntime } from '../runtime';
import { nested, optional, required } from './attribute-helpers';
import { modelResource } from './model-resource';

/**
 * `sps_api_client`: an API-client app (see src/model/api-client.ts). The appliance shows the client secret once,
 * in the answer to the create, so the state keeps it from then on and reads never overwrite it.
 */
export function apiClientResource(runtime: ProviderRuntime): Resource {
  return modelResource<ApiClient>(runtime, {
    typeName: 'sps_api_client',
    spec: apiClients,
    description:
      'An API-client app (`/api/configuration/aaa/api_clients`): a client ID and secret that a tool such as a SIEM uses to get OAuth ' +
      'tokens (client-credentials grant) limited to the granted scopes. The appliance shows the secret only once, when the client is ' +
      'created: Terraform keeps it in the state (sensitive) and never reads it again. To rotate the secret, change `keepers` (or run ' +
      '`terraform apply -replace`): the client is replaced by a new one with a new ID and secret. A new client is `pending` until an ' +
      'administrator approves it.',
    modelAttributes: {
      name: required('string', 'The name of the application.'),
      scopes: {
        type: { set: 'string' },
        required: true,
        description: `The permissions granted: any of ${API_CLIENT_SCOPES.map((s) => `\`${s}\``).join(', ')} (configuration, log, IP-list and session APIs).`,
      },
      applies_to: nested('single', 'required', 'Which users the permissions apply to.', {
        selection: required('string', '`all` (every user) or `groups` (the members of `groups`).'),
        groups: optional({ set: 'string' }, 'With `selection = "groups"`: keys of local user groups (`sps_local_group`).'),
      }),
    },
    extraAttributes: {
      client_id: {
        type: 'string',
        computed: true,
        planModifiers: ['useStateForUnknown'],
        description: 'The client ID the application authenticates with.',
      },
      client_secret: {
        type: 'string',
        computed: true,
        sensitive: true,
        planModifiers: ['useStateForUnknown'],
        description:
          'The client secret. Known only for clients created by Terraform (the appliance returns it once, at creation); null after an import.',
      },
      status: {
        type: 'string',
        computed: true,
        description: '`pending` until an administrator approves the application, then `authorized`.',
      },
      keepers: {
        type: { map: 'string' },
        optional: true,
        planModifiers: ['requiresReplace'],
        description: 'Arbitrary values; changing any of them replaces the client, which rotates its ID and secret.',
      },
    },
    normalize: (body) => ({
      ...body,
      scopes: [...body.scopes].sort(),
      applies_to: body.applies_to.selection === 'groups' ? { ...body.applies_to, groups: [...body.applies_to.groups].sort() } : body.applies_to,
    }),
    async extrasAfterCreate(created, _planned, providerRuntime): Promise<ObjectValue> {
      const clientId = typeof created.extras.client_id === 'string' ? created.extras.client_id : null;
      const secret = typeof created.extras.client_secret === 'string' ? created.extras.client_secret : null;
      const status = typeof created.extras.status === 'string' ? created.extras.status : await readStatus(providerRuntime, created.key);
      return { client_id: clientId, client_secret: secret, status };
    },
    extrasAfterRead(readOnly, prior) {
      const parsed = apiClientReadOnly.safeParse(readOnly);
      return {
        client_id: parsed.success ? parsed.data.client_id : (prior.client_id ?? null),
        // Never returned by reads: keep what the create answer gave.
        client_secret: prior.client_secret ?? null,
        status: parsed.success ? parsed.data.status : (prior.status ?? null),
      };
    },
  });
}

async function readStatus(runtime: ProviderRuntime, key: string): Promise<string | null> {
  const object = await runtime.client.get(apiClients, key);
  const parsed = apiClientReadOnly.safeParse(object?.readOnly ?? {});
  return parsed.success ? parsed.data.status : null;
}
