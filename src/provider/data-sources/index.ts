import * as model from '../../model';
import type { DataSource } from '../../plugin/framework';
import type { ProviderRuntime } from '../runtime';
import { lookupByName } from './lookup-by-name';

/** The objects connection policies and API clients reference, each looked up by name. */
const REFERENCED = [
  ['sps_http_channel_policy', model.httpChannelPolicies, 'HTTP channel policies (`/api/configuration/http/channel_policies`), built-in defaults included.'],
  ['sps_http_settings_policy', model.httpSettingsPolicies, 'HTTP settings policies (`/api/configuration/http/settings_policies`): protocol-level settings such as timeouts.'],
  ['sps_http_authentication_policy', model.httpAuthenticationPolicies, 'HTTP authentication policies (`/api/configuration/http/authentication_policies`).'],
  ['sps_audit_policy', model.auditPolicies, 'Audit policies (`/api/configuration/policies/audit_policies`).'],
  ['sps_indexing_policy', model.indexingPolicies, 'Indexing policies (`/api/configuration/policies/indexing`).'],
  ['sps_ldap_server', model.ldapServers, 'LDAP servers (`/api/configuration/policies/ldap_servers`).'],
  ['sps_backup_policy', model.backupPolicies, 'Backup policies (`/api/configuration/policies/backup_policies`).'],
  ['sps_usermapping_policy', model.usermappingPolicies, 'Usermapping policies (`/api/configuration/policies/usermapping_policies`).'],
  ['sps_archive_cleanup_policy', model.archiveCleanupPolicies, 'Archive/cleanup policies (`/api/configuration/policies/archive_cleanup_policies`).'],
  ['sps_analytics_policy', model.analyticsPolicies, 'Analytics policies (`/api/configuration/analytics`).'],
  ['sps_local_group', model.localGroups, 'Local user groups (`/api/configuration/aaa/local_database/groups`), e.g. for `sps_api_client.applies_to.groups`.'],
  ['sps_x509_identity', model.x509Identities, 'X.509 identities: certificates with private keys uploaded to SPS (`/api/configuration/x509`).'],
  ['sps_signing_ca', model.signingCas, 'Signing CAs (`/api/configuration/policies/signing_cas`).'],
  ['sps_trusted_ca_list', model.trustedCaLists, 'Trusted CA lists (`/api/configuration/policies/trusted_ca_lists`).'],
] as const;

export function dataSources(runtime: ProviderRuntime): DataSource[] {
  return [
    lookupByName<model.UserList>(runtime, {
      typeName: 'sps_user_list',
      spec: model.userLists,
      description: 'Looks up a user list (`/api/configuration/policies/userlists`) by name, built-in lists included.',
      extraAttributes: {
        allow: { type: 'string', computed: true, description: '`all_users` (a blacklist) or `no_user` (a whitelist).' },
        except: { type: { set: 'string' }, computed: true, description: 'The usernames that are the exception to `allow`.' },
      },
      toState: (object) => ({ allow: object.body.allow, except: object.body.except }),
    }),
    ...REFERENCED.map(([typeName, spec, what]) =>
      lookupByName(runtime, { typeName, spec, description: `Looks up one of the ${what} by name, to reference it by key.` }),
    ),
  ];
}
