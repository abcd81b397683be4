/** What every appliance of the fleet gets, whatever its site. */
import { Construct } from 'constructs';
import {
  AuditPolicy,
  HttpAuthenticationPolicy,
  HttpChannelPolicy,
  HttpConnectionPolicy,
  HttpSettingsPolicy,
  type IAuditPolicy,
  type IHttpAuthenticationPolicy,
  type IHttpChannelPolicy,
  type IHttpSettingsPolicy,
  ServerAddress,
  UserList,
} from 'sps-iac';

/** The built-in policies that connection policies reference, looked up by name on each appliance. */
export interface BuiltinPolicies {
  readonly channelPolicy: IHttpChannelPolicy;
  readonly settings: IHttpSettingsPolicy;
  readonly auditPolicy: IAuditPolicy;
  readonly authenticationPolicy: IHttpAuthenticationPolicy;
}

export function builtinPolicies(scope: Construct): BuiltinPolicies {
  return {
    channelPolicy: HttpChannelPolicy.fromName(scope, 'channel-default', 'default'),
    settings: HttpSettingsPolicy.fromName(scope, 'settings-default', 'default'),
    auditPolicy: AuditPolicy.fromName(scope, 'audit-default', 'default'),
    authenticationPolicy: HttpAuthenticationPolicy.fromName(scope, 'authentication-default', 'default'),
  };
}

/** Who may deploy, that root never logs in through a gateway, and the intranet portal. */
export class Baseline extends Construct {
  constructor(scope: Construct, id: string, props: { policies: BuiltinPolicies }) {
    super(scope, id);
    UserList.allowOnly(this, 'deployers', { name: 'deployers', users: ['deploy', 'release-bot'] });
    UserList.denyOnly(this, 'no-root', { name: 'no_root_logins', users: ['root'] });
    new HttpConnectionPolicy(this, 'intranet', {
      name: 'intranet_portal',
      network: { clients: ['10.0.0.0/8'], targets: ['10.30.1.10'], ports: [443] },
      serverAddress: ServerAddress.fixed('intranet.example.com', 8443),
      policies: props.policies,
    });
  }
}
