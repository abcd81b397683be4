import { type ApiClient, API_CLIENT_SCOPES, apiClientReadOnly, apiClients, MIN_CHOSEN_SECRET_LENGTH } from '../../model';
import { type Attribute, errorDiagnostic, type ObjectValue, type Resource } from '../../plugin/framework';
import type { ProviderRuntime } from '../runtime';
import { nested, optional, required } from './attribute-helpers';
import { modelResource } from './model-resource';

/** The API client's attributes that map one-to-one to body fields (sps-export writes exactly these). */
export const apiClientAttributes: Readonly<Record<string, Attribute>> = {
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
};

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
      'tokens (client-credentials grant) limited to the granted scopes. A new client is `pending` until an administrator approves it.\n\n' +
      '~> **Warning: the secret is in the state and in saved plans.** The appliance shows the secret only once, when the client is ' +
      'created: by default Terraform keeps it in the state (`client_secret`, sensitive) and never reads it again. Sensitive values are ' +
      'hidden in plan output, but Terraform writes them in clear text to the state and to saved plan files: `terraform show -json ' +
      'plan.tfplan` prints the secret, twice. Treat the state and every saved plan as secrets, or keep the secret out of both with ' +
      '`client_secret_wo` (Terraform 1.11 or later): you choose the secret, from an ephemeral value (e.g. an `ephemeral = true` ' +
      'variable), hand it to the application the same way (e.g. a vault secret\'s write-only argument), and Terraform stores nothing.\n\n' +
      'To rotate the secret, change `keepers` (or `client_secret_wo_version` together with a new `client_secret_wo`, or run ' +
      '`terraform apply -replace`): the client is replaced by a new one with a new ID and secret.',
    modelAttributes: apiClientAttributes,
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
      client_secret_wo: {
        type: 'string',
        optional: true,
        sensitive: true,
        writeOnly: true,
        description:
          `Write-only (Terraform 1.11 or later): the secret the new client gets, chosen by you, at least ${MIN_CHOSEN_SECRET_LENGTH} characters. It reaches ` +
          'the appliance when the client is created and is stored nowhere: not in the plan, not in the state (`client_secret` stays null). ' +
          'Give it an ephemeral value. Terraform cannot see a change of a write-only value: change `client_secret_wo_version` to rotate.',
      },
      client_secret_wo_version: {
        type: 'number',
        optional: true,
        planModifiers: ['requiresReplace'],
        description: 'Change it (with a new `client_secret_wo`) to rotate the chosen secret: the client is replaced by one with the new secret.',
      },
    },
    createFields: (config) => (typeof config.client_secret_wo === 'string' ? { client_secret: config.client_secret_wo } : {}),
    validateExtras(config) {
      const secret = config.client_secret_wo;
      if (typeof secret !== 'string' || secret.length >= MIN_CHOSEN_SECRET_LENGTH) return [];
      return [errorDiagnostic('Invalid client_secret_wo', `client_secret_wo must be at least ${MIN_CHOSEN_SECRET_LENGTH} characters long (it is ${secret.length}).`, ['client_secret_wo'])];
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
