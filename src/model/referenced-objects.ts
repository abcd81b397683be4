import { nameField } from './common-fields';
import { string } from './fields';
import { defineKind, type Kind } from './kind';
import { PATHS } from './paths';

/**
 * Objects that the product's kinds reference but Terraform does not manage: only their name and
 * description are modelled (the appliance has many more fields, which pass through unvalidated because the
 * provider only looks these objects up). Each has a data source that finds one by name.
 */
export function referencedKind<const Id extends string>(id: Id, kind: string, plural: string, path: string, doc: string, builtins: Array<[key: string, name: string]> = []) {
  return defineKind({
    id,
    kind,
    plural,
    path,
    doc,
    managed: false,
    lookup: true,
    fields: {
      name: nameField(`The name of the ${kind}.`),
      description: string(`The ${kind}'s description, if it has one.`).optional(),
    },
    builtins: builtins.map(([key, objectName]) => ({ key, body: { name: objectName } })),
  });
}

// Built-in keys from the samples of the SPS REST API Reference Guide where it shows them; the names are the appliance's defaults.
export const httpSettingsPolicies = referencedKind('http_settings_policy', 'HTTP settings policy', 'HTTP settings policies', PATHS.httpSettingsPolicies, 'HTTP settings policies hold protocol-level settings such as timeouts.', [['-3040010', 'default']]);
export const httpAuthenticationPolicies = referencedKind('http_authentication_policy', 'HTTP authentication policy', 'HTTP authentication policies', PATHS.httpAuthenticationPolicies, 'HTTP authentication policies decide how users authenticate on SPS.', [['-304002001', 'default']]);
export const sshSettingsPolicies = referencedKind('ssh_settings_policy', 'SSH settings policy', 'SSH settings policies', PATHS.sshSettingsPolicies, 'SSH settings policies hold protocol-level settings: algorithms, greetings and banners, timeouts.', [['-300', 'default']]);
// The guide lists two built-in RDP settings policies; it shows the name of neither.
export const rdpSettingsPolicies = referencedKind('rdp_settings_policy', 'RDP settings policy', 'RDP settings policies', PATHS.rdpSettingsPolicies, 'RDP settings policies hold protocol-level settings: timeouts, display, protocol version and authentication.', [['-301', 'default'], ['-303', 'default-303']]);
export const sshAuthenticationPolicies = referencedKind('ssh_authentication_policy', 'SSH authentication policy', 'SSH authentication policies', PATHS.sshAuthenticationPolicies, 'SSH authentication policies decide how clients authenticate, on the client side and the server side of the connection.', [['-200', 'default']]);
export const auditPolicies = referencedKind('audit_policy', 'audit policy', 'audit policies', PATHS.auditPolicies, 'Audit policies decide how audit trails are encrypted, timestamped and signed.', [['-10000', 'default']]);
export const indexingPolicies = referencedKind('indexing_policy', 'indexing policy', 'indexing policies', PATHS.indexingPolicies, 'Indexing policies decide how audit trails are indexed.', [['-50000', 'default']]);
export const ldapServers = referencedKind('ldap_server', 'LDAP server', 'LDAP servers', PATHS.ldapServers, 'LDAP servers resolve group memberships and user details.');
export const backupPolicies = referencedKind('backup_policy', 'backup policy', 'backup policies', PATHS.backupPolicies, 'Backup policies decide where and when connection data is backed up.');
export const usermappingPolicies = referencedKind('usermapping_policy', 'usermapping policy', 'usermapping policies', PATHS.usermappingPolicies, 'Usermapping policies map users to the accounts they may use on the servers.');
export const archiveCleanupPolicies = referencedKind('archive_cleanup_policy', 'archive/cleanup policy', 'archive/cleanup policies', PATHS.archiveCleanupPolicies, 'Archive/cleanup policies decide how long connection data is kept, and where it is archived.');
export const analyticsPolicies = referencedKind('analytics_policy', 'analytics policy', 'analytics policies', PATHS.analyticsPolicies, 'Analytics policies decide how sessions are scored.');
export const localGroups = referencedKind('local_group', 'local user group', 'local user groups', PATHS.localGroups, 'Local user groups, e.g. for `sps_api_client.applies_to.groups`.');
export const x509Identities = referencedKind('x509_identity', 'X.509 identity', 'X.509 identities', PATHS.x509Identities, 'X.509 identities are certificates with their private keys, uploaded to SPS.');
export const signingCas = referencedKind('signing_ca', 'signing CA', 'signing CAs', PATHS.signingCas, 'Signing CAs sign the certificates SPS generates for each target.');
export const contentPolicies = referencedKind('content_policy', 'content policy', 'content policies', PATHS.contentPolicies, 'Content policies act on what happens inside a channel (commands, window titles, …), e.g. to alert or terminate the session.');
export const trustedCaLists = referencedKind('trusted_ca_list', 'trusted CA list', 'trusted CA lists', PATHS.trustedCaLists, 'Trusted CA lists hold the CAs SPS verifies certificates with.');

export type NamedObject = { name: string; description?: string };
export type ReferencedKind = Kind<NamedObject>;
