import { TerraformOutput } from 'cdktf';
import { Construct } from 'constructs';
import { type ApiClientScope, apiClients } from '../model';
import { OptionsError, ValidationError } from './errors';
import { ApiClient as ApiClientResource, type ApiClientAppliesTo } from './generated/sps/api-client';
import { validateAtSynth } from './model-validation';
import { keyProblems, type KeySpec } from './props';
import type { IApiClient, ILocalGroup } from './references';

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

export interface ApiClientProps {
  /** The application's name. */
  readonly name: string;
  /** The APIs it may use: `config`, `logs`, `ip`, `sessions`. */
  readonly scopes: ApiClientScope[];
  /** Whose data it may reach: `AppliesTo.allUsers()` or `AppliesTo.groups(…)`. */
  readonly appliesTo: AppliesTo;
  /** Change this value to rotate the client secret (the client is replaced). */
  readonly rotation?: string;
  /**
   * A secret you choose, delivered to the appliance write-only and stored nowhere (Terraform 1.11;
   * see `client_secret_wo`): `value` should be an ephemeral value; change `version` to rotate.
   * Without it, the appliance makes the secret and it is kept in the state (`clientSecret`).
   */
  readonly chosenSecret?: { readonly value: string; readonly version: number };
  /**
   * Also add the client ID and the (sensitive) secret as stack outputs. Default: false; the
   * values are the `clientId` and `clientSecret` properties either way.
   */
  readonly outputs?: boolean;
}

const PROPS: KeySpec = { name: true, scopes: true, appliesTo: true, rotation: false, chosenSecret: false, outputs: false };

/** An SPS API-client app, e.g. for a SIEM; its secret is kept in the state from creation on. */
export class ApiClient extends Construct implements IApiClient {
  readonly resource: ApiClientResource;
  readonly apiClientKey: string;
  /** The client ID the application authenticates with. */
  readonly clientId: string;
  /** The client secret (sensitive; known only for clients created by Terraform). */
  readonly clientSecret: string;

  constructor(scope: Construct, id: string, props: ApiClientProps) {
    super(scope, id);
    const problems = keyProblems('the props', props, PROPS);
    if (problems.length === 0 && !(props.appliesTo instanceof AppliesTo)) problems.push('`appliesTo` must be AppliesTo.allUsers() or AppliesTo.groups(…)');
    if (props.chosenSecret !== undefined) problems.push(...keyProblems('`chosenSecret`', props.chosenSecret, { value: true, version: true }));
    if (problems.length > 0) throw new ValidationError(`invalid ApiClient: ${problems.join('; ')}`, this);
    const config = {
      name: props.name,
      scopes: props.scopes,
      appliesTo: props.appliesTo.config,
      keepers: props.rotation === undefined ? undefined : { rotation: props.rotation },
      clientSecretWo: props.chosenSecret?.value,
      clientSecretWoVersion: props.chosenSecret?.version,
    };
    validateAtSynth(this, apiClients, { name: config.name, scopes: config.scopes, appliesTo: config.appliesTo });
    this.resource = new ApiClientResource(this, 'Resource', config);
    this.apiClientKey = this.resource.id;
    this.clientId = this.resource.clientId;
    this.clientSecret = this.resource.clientSecret;
    if (props.outputs === true) {
      new TerraformOutput(this, 'ClientId', { value: this.clientId, description: `Client ID of ${props.name}` });
      new TerraformOutput(this, 'ClientSecret', { value: this.clientSecret, sensitive: true, description: `Client secret of ${props.name}` });
    }
  }
}
