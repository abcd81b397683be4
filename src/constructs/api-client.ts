import { TerraformOutput } from 'cdktf';
import type { Construct } from 'constructs';
import { apiClients } from '../model';
import { OptionsError } from './errors';
import type { ApiClientAppliesTo } from './generated/sps/api-client';
import { type ConstructProps, kindConstruct } from './kind-construct';
import { sugar } from './kind-props';
import { keyProblems } from './props';
import type { ILocalGroup } from './references';

/** Whose data an API client may reach. There is no default: "all users" must be chosen explicitly. */
export class AppliesTo {
  /** Every user. */
  static allUsers(): AppliesTo {
    return new AppliesTo({ selection: 'all' });
  }

  /** The members of these local user groups (at least one). */
  static groups(groups: ILocalGroup[]): AppliesTo {
    if (!Array.isArray(groups) || groups.length === 0) throw new OptionsError('AppliesTo.groups: list at least one local user group (for every user, use AppliesTo.allUsers())');
    for (const group of groups) {
      if (typeof group?.localGroupKey !== 'string') throw new OptionsError('AppliesTo.groups: every group must be a local group reference (LocalGroup.fromName or LocalGroup.fromKey)');
    }
    return new AppliesTo({ selection: 'groups', groups: groups.map((group) => group.localGroupKey) });
  }

  private constructor(readonly config: ApiClientAppliesTo) {}
}

/** The props of an API client besides its model fields (`name`, `scopes`: the APIs it may use). */
const SUGAR = {
  /** Whose data it may reach: `AppliesTo.allUsers()` or `AppliesTo.groups(…)`. */
  appliesTo: sugar({
    field: 'appliesTo',
    required: true,
    check: (value: AppliesTo, path) => (value instanceof AppliesTo ? [] : [`\`${path}\` must be AppliesTo.allUsers() or AppliesTo.groups(…)`]),
    toBinding: (value) => value.config,
  }),
  /** Change this value to rotate the client secret (the client is replaced). */
  rotation: sugar({ resource: (value: string) => ({ keepers: { rotation: value } }) }),
  /**
   * A secret you choose, delivered to the appliance write-only and stored nowhere (Terraform 1.11;
   * see `client_secret_wo`): `value` should be an ephemeral value; change `version` to rotate.
   * Without it, the appliance makes the secret and it is kept in the state (`clientSecret`).
   */
  chosenSecret: sugar({
    check: (value: { readonly value: string; readonly version: number }, path) => keyProblems(`\`${path}\``, value, { value: true, version: true }),
    resource: (value) => ({ clientSecretWo: value.value, clientSecretWoVersion: value.version }),
  }),
  /**
   * Also add the client ID and the (sensitive) secret as stack outputs. Default: false; the
   * values are the `clientId` and `clientSecret` properties either way.
   */
  outputs: sugar<boolean>({}),
};

export type ApiClientProps = ConstructProps<typeof apiClients, typeof SUGAR>;

/** An SPS API-client app, e.g. for a SIEM; its secret is kept in the state from creation on. */
export class ApiClient extends kindConstruct(apiClients, { sugar: SUGAR }) {
  /** The client ID the application authenticates with. */
  readonly clientId: string;
  /** The client secret (sensitive; known only for clients created by Terraform). */
  readonly clientSecret: string;

  constructor(scope: Construct, id: string, props: ApiClientProps) {
    super(scope, id, props);
    this.clientId = this.resource.clientId;
    this.clientSecret = this.resource.clientSecret;
    if (props.outputs === true) {
      new TerraformOutput(this, 'ClientId', { value: this.clientId, description: `Client ID of ${props.name}` });
      new TerraformOutput(this, 'ClientSecret', { value: this.clientSecret, sensitive: true, description: `Client secret of ${props.name}` });
    }
  }
}
