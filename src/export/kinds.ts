import {
  type ApiClient,
  apiClients,
  type CollectionSpec,
  type HttpConnectionPolicy,
  httpConnectionPolicies,
  PATHS,
  type UserList,
  userLists,
} from '../model';
import type { Attribute } from '../plugin/framework';
import { apiClientAttributes } from '../provider/resources/api-client';
import { httpConnectionPolicyAttributes } from '../provider/resources/http-connection-policy';
import { userListAttributes } from '../provider/resources/user-list';

/**
 * What sps-export knows about each kind of object: the three kinds it exports as resources, and
 * the kinds the provider only reads, which exported objects reference through data sources.
 */

/** An exported object's body, typed by kind, so each writer handles every kind. */
export type ExportedBody =
  | { readonly kind: 'user_list'; readonly body: UserList }
  | { readonly kind: 'http_connection_policy'; readonly body: HttpConnectionPolicy }
  | { readonly kind: 'api_client'; readonly body: ApiClient };

type ExportedKindName = ExportedBody['kind'];

export interface ExportedKind {
  /** The name `--select` uses: the resource type without `sps_`. */
  readonly name: ExportedKindName;
  readonly resourceType: string;
  readonly spec: CollectionSpec<unknown>;
  /** The resource's attributes that map one-to-one to body fields: what an export sets. */
  readonly attributes: Readonly<Record<string, Attribute>>;
  /** Plural for summaries, e.g. "user lists". */
  readonly plural: string;
}

/** In the order the issue lists them, which is also the order of the written files. */
export const EXPORTED_KINDS: readonly ExportedKind[] = [
  { name: 'user_list', resourceType: 'sps_user_list', spec: userLists as CollectionSpec<unknown>, attributes: userListAttributes, plural: 'user lists' },
  {
    name: 'http_connection_policy',
    resourceType: 'sps_http_connection_policy',
    spec: httpConnectionPolicies as CollectionSpec<unknown>,
    attributes: httpConnectionPolicyAttributes,
    plural: 'HTTP connection policies',
  },
  { name: 'api_client', resourceType: 'sps_api_client', spec: apiClients as CollectionSpec<unknown>, attributes: apiClientAttributes, plural: 'API clients' },
];

export function exportedKindByName(name: string): ExportedKind | undefined {
  const bare = name.startsWith('sps_') ? name.slice(4) : name;
  return EXPORTED_KINDS.find((kind) => kind.name === bare);
}

export function exportedKindByPath(path: string): ExportedKind | undefined {
  return EXPORTED_KINDS.find((kind) => kind.spec.path === path);
}

export interface LookupKind {
  /** Collection path of the referenced objects. */
  readonly path: string;
  /** The data source that finds one by name, e.g. `sps_http_channel_policy`. */
  readonly dataSource: string;
  /** The construct helper a CDKTF app looks one up with (`<helper>.fromName`, `<helper>.fromKey`). */
  readonly helper: string;
}

const lookup = (path: string, dataSource: string, helper: string): LookupKind => ({ path, dataSource, helper });

/** Every kind a reference may point into, with its data source (src/provider/data-sources) and construct helper (src/constructs/references.ts). */
const LOOKUP_KINDS: readonly LookupKind[] = [
  lookup(PATHS.userLists, 'sps_user_list', 'UserList'),
  lookup(PATHS.httpChannelPolicies, 'sps_http_channel_policy', 'HttpChannelPolicy'),
  lookup(PATHS.httpSettingsPolicies, 'sps_http_settings_policy', 'HttpSettingsPolicy'),
  lookup(PATHS.httpAuthenticationPolicies, 'sps_http_authentication_policy', 'HttpAuthenticationPolicy'),
  lookup(PATHS.auditPolicies, 'sps_audit_policy', 'AuditPolicy'),
  lookup(PATHS.indexingPolicies, 'sps_indexing_policy', 'IndexingPolicy'),
  lookup(PATHS.ldapServers, 'sps_ldap_server', 'LdapServer'),
  lookup(PATHS.backupPolicies, 'sps_backup_policy', 'BackupPolicy'),
  lookup(PATHS.usermappingPolicies, 'sps_usermapping_policy', 'UsermappingPolicy'),
  lookup(PATHS.archiveCleanupPolicies, 'sps_archive_cleanup_policy', 'ArchiveCleanupPolicy'),
  lookup(PATHS.analyticsPolicies, 'sps_analytics_policy', 'AnalyticsPolicy'),
  lookup(PATHS.localGroups, 'sps_local_group', 'LocalGroup'),
  lookup(PATHS.x509Identities, 'sps_x509_identity', 'X509Identity'),
  lookup(PATHS.signingCas, 'sps_signing_ca', 'SigningCa'),
  lookup(PATHS.trustedCaLists, 'sps_trusted_ca_list', 'TrustedCaList'),
];

export function lookupKindByPath(path: string): LookupKind | undefined {
  return LOOKUP_KINDS.find((kind) => kind.path === path);
}
