/** Collection paths of the SPS configuration REST API (the SPS REST API Reference Guide). */
export const PATHS = {
  userLists: '/api/configuration/policies/userlists',
  httpConnectionPolicies: '/api/configuration/http/connections',
  apiClients: '/api/configuration/aaa/api_clients',
  httpChannelPolicies: '/api/configuration/http/channel_policies',
  sshChannelPolicies: '/api/configuration/ssh/channel_policies',
  rdpChannelPolicies: '/api/configuration/rdp/channel_policies',
  httpSettingsPolicies: '/api/configuration/http/settings_policies',
  httpAuthenticationPolicies: '/api/configuration/http/authentication_policies',
  auditPolicies: '/api/configuration/policies/audit_policies',
  indexingPolicies: '/api/configuration/policies/indexing',
  ldapServers: '/api/configuration/policies/ldap_servers',
  backupPolicies: '/api/configuration/policies/backup_policies',
  usermappingPolicies: '/api/configuration/policies/usermapping_policies',
  archiveCleanupPolicies: '/api/configuration/policies/archive_cleanup_policies',
  // The guide: "You can configure analytics policies at the /api/configuration/analytics/ endpoint."
  analyticsPolicies: '/api/configuration/analytics',
  localGroups: '/api/configuration/aaa/local_database/groups',
  x509Identities: '/api/configuration/x509',
  signingCas: '/api/configuration/policies/signing_cas',
  trustedCaLists: '/api/configuration/policies/trusted_ca_lists',
  timePolicies: '/api/configuration/policies/time_policies',
  sshConnectionPolicies: '/api/configuration/ssh/connections',
  rdpConnectionPolicies: '/api/configuration/rdp/connections',
  sshSettingsPolicies: '/api/configuration/ssh/settings_policies',
  rdpSettingsPolicies: '/api/configuration/rdp/settings_policies',
  sshAuthenticationPolicies: '/api/configuration/ssh/authentication_policies',
  // Not shown in the stored guide pages: our choice, next to the other policies.
  contentPolicies: '/api/configuration/policies/content_policies',
} as const;

/**
 * Options endpoints that are one object (GET and PUT only, no key): `sps_object` manages them with
 * `singleton = true`, and `sps-export --generic` exports them. The simulator serves each.
 */
export const SINGLETON_ENDPOINTS = {
  sshOptions: { path: '/api/configuration/ssh/options', kind: 'SSH options' },
} as const;
