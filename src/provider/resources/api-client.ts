import { MIN_CHOSEN_SECRET_LENGTH } from '../../model';
import { errorDiagnostic } from '../../plugin/framework';
import type { KindExtension } from './kind-resource';

/**
 * What `sps_api_client` adds to its kind's description (src/model/api-client.ts): rotation
 * through `keepers`, and a secret the user chooses, delivered write-only. The appliance shows its
 * own secret once, in the answer to the create, so the state keeps it (`client_secret`, computed
 * `create-only` in the description) and reads never overwrite it.
 */
export const apiClientExtension: KindExtension = {
  doc:
    '~> **Warning: the secret is in the state and in saved plans.** The appliance shows the secret only once, when the client is ' +
    'created: by default Terraform keeps it in the state (`client_secret`, sensitive) and never reads it again. Sensitive values are ' +
    'hidden in plan output, but Terraform writes them in clear text to the state and to saved plan files: `terraform show -json ' +
    'plan.tfplan` prints the secret, twice. Treat the state and every saved plan as secrets, or keep the secret out of both with ' +
    '`client_secret_wo` (Terraform 1.11 or later): you choose the secret, from an ephemeral value (e.g. an `ephemeral = true` ' +
    'variable), hand it to the application the same way (e.g. a vault secret\'s write-only argument), and Terraform stores nothing.\n\n' +
    'To rotate the secret, change `keepers` (or `client_secret_wo_version` together with a new `client_secret_wo`, or run ' +
    '`terraform apply -replace`): the client is replaced by a new one with a new ID and secret.',
  attributes: {
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
  validate(config) {
    const secret = config.client_secret_wo;
    if (typeof secret !== 'string' || secret.length >= MIN_CHOSEN_SECRET_LENGTH) return [];
    return [errorDiagnostic('Invalid client_secret_wo', `client_secret_wo must be at least ${MIN_CHOSEN_SECRET_LENGTH} characters long (it is ${secret.length}).`, ['client_secret_wo'])];
  },
};
