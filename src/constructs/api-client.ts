import { TerraformOutput } from 'cdktf';
import { Construct } from 'constructs';
import { type ApiClientScope, apiClients } from '../model';
import { ApiClient as ApiClientResource } from './generated/sps/api-client';
import { keyOf, type IApplianceObject, type ObjectReference } from './lookups';
import { validateAtSynth } from './model-validation';

export interface ApiClientProps {
  /** The application's name. */
  readonly name: string;
  /** The APIs it may use: `config`, `logs`, `ip`, `sessions`. */
  readonly scopes: ApiClientScope[];
  /** The local user groups the permissions apply to. Default: all users. */
  readonly groups?: ObjectReference[];
  /** Change this value to rotate the client secret (the client is replaced). */
  readonly rotation?: string;
  /** Also export the client ID and (sensitive) secret as stack outputs. Default: true. */
  readonly outputs?: boolean;
}

/** An SPS API-client app, e.g. for a SIEM; its secret is kept in the state from creation on. */
export class ApiClient extends Construct implements IApplianceObject {
  readonly resource: ApiClientResource;
  readonly id: string;
  /** The client ID the application authenticates with. */
  readonly clientId: string;
  /** The client secret (sensitive; known only for clients created by Terraform). */
  readonly clientSecret: string;

  constructor(scope: Construct, id: string, props: ApiClientProps) {
    super(scope, id);
    const config = {
      name: props.name,
      scopes: props.scopes,
      appliesTo: props.groups ? { selection: 'groups', groups: props.groups.map(keyOf) } : { selection: 'all' },
      keepers: props.rotation === undefined ? undefined : { rotation: props.rotation },
    };
    validateAtSynth(this, apiClients, { ...config, keepers: undefined });
    this.resource = new ApiClientResource(this, 'Resource', config);
    this.id = this.resource.id;
    this.clientId = this.resource.clientId;
    this.clientSecret = this.resource.clientSecret;
    if (props.outputs ?? true) {
      new TerraformOutput(this, 'ClientId', { value: this.clientId, description: `Client ID of ${props.name}` });
      new TerraformOutput(this, 'ClientSecret', { value: this.clientSecret, sensitive: true, description: `Client secret of ${props.name}` });
    }
  }
}
