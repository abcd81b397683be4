/**
 * References to appliance objects, one interface per kind (like aws-cdk-lib's ITopic, IQueue), so
 * that an audit policy cannot be passed where a channel policy belongs. Each kind's class has
 * `fromName` (a data-source lookup Terraform resolves at plan time; built-ins included),
 * `fromKey` (a key written out, e.g. a built-in's negative key) and `keyOf` (the key a reference
 * carries, checked at run time to be of that kind). User lists have theirs in UserList.
 */
import { DataSpsAnalyticsPolicy } from './generated/sps/data-sps-analytics-policy';
import { DataSpsArchiveCleanupPolicy } from './generated/sps/data-sps-archive-cleanup-policy';
import { DataSpsAuditPolicy } from './generated/sps/data-sps-audit-policy';
import { DataSpsBackupPolicy } from './generated/sps/data-sps-backup-policy';
import { DataSpsHttpAuthenticationPolicy } from './generated/sps/data-sps-http-authentication-policy';
import { DataSpsHttpChannelPolicy } from './generated/sps/data-sps-http-channel-policy';
import { DataSpsHttpSettingsPolicy } from './generated/sps/data-sps-http-settings-policy';
import { DataSpsIndexingPolicy } from './generated/sps/data-sps-indexing-policy';
import { DataSpsLdapServer } from './generated/sps/data-sps-ldap-server';
import { DataSpsLocalGroup } from './generated/sps/data-sps-local-group';
import { DataSpsSigningCa } from './generated/sps/data-sps-signing-ca';
import { DataSpsTrustedCaList } from './generated/sps/data-sps-trusted-ca-list';
import { DataSpsUsermappingPolicy } from './generated/sps/data-sps-usermapping-policy';
import { DataSpsX509Identity } from './generated/sps/data-sps-x509-identity';
import { referenceKind } from './reference-kind';

/** A user list (white- or blacklist of usernames). */
export interface IUserList {
  /** The user list's key on the appliance (a token until Terraform knows it). */
  readonly userListKey: string;
}
/** An HTTP connection policy. */
export interface IHttpConnectionPolicy {
  readonly httpConnectionPolicyKey: string;
}
/** An API-client app. */
export interface IApiClient {
  readonly apiClientKey: string;
}
/** An HTTP channel policy. */
export interface IHttpChannelPolicy {
  readonly httpChannelPolicyKey: string;
}
/** An HTTP settings policy (timeouts). */
export interface IHttpSettingsPolicy {
  readonly httpSettingsPolicyKey: string;
}
/** An HTTP authentication policy. */
export interface IHttpAuthenticationPolicy {
  readonly httpAuthenticationPolicyKey: string;
}
/** An audit policy. */
export interface IAuditPolicy {
  readonly auditPolicyKey: string;
}
/** An indexing policy. */
export interface IIndexingPolicy {
  readonly indexingPolicyKey: string;
}
/** A local user group. */
export interface ILocalGroup {
  readonly localGroupKey: string;
}
/** A certificate with its private key, uploaded to SPS. */
export interface IX509Identity {
  readonly x509IdentityKey: string;
}
/** A signing CA. */
export interface ISigningCa {
  readonly signingCaKey: string;
}
/** A trusted CA list. */
export interface ITrustedCaList {
  readonly trustedCaListKey: string;
}
/** An LDAP server. */
export interface ILdapServer {
  readonly ldapServerKey: string;
}
/** A backup policy. */
export interface IBackupPolicy {
  readonly backupPolicyKey: string;
}
/** A usermapping policy. */
export interface IUsermappingPolicy {
  readonly usermappingPolicyKey: string;
}
/** An archive/cleanup policy. */
export interface IArchiveCleanupPolicy {
  readonly archiveCleanupPolicyKey: string;
}
/** An analytics policy. */
export interface IAnalyticsPolicy {
  readonly analyticsPolicyKey: string;
}

/** HTTP channel policies, e.g. the built-in "default". */
export const HttpChannelPolicy = referenceKind<IHttpChannelPolicy>('HttpChannelPolicy', 'an HTTP channel policy', DataSpsHttpChannelPolicy, 'httpChannelPolicyKey');
/** HTTP settings policies (timeouts), e.g. the built-in "default". */
export const HttpSettingsPolicy = referenceKind<IHttpSettingsPolicy>('HttpSettingsPolicy', 'an HTTP settings policy', DataSpsHttpSettingsPolicy, 'httpSettingsPolicyKey');
/** HTTP authentication policies, e.g. the built-in "default". */
export const HttpAuthenticationPolicy = referenceKind<IHttpAuthenticationPolicy>('HttpAuthenticationPolicy', 'an HTTP authentication policy', DataSpsHttpAuthenticationPolicy, 'httpAuthenticationPolicyKey');
/** Audit policies, e.g. the built-in "default". */
export const AuditPolicy = referenceKind<IAuditPolicy>('AuditPolicy', 'an audit policy', DataSpsAuditPolicy, 'auditPolicyKey');
/** Indexing policies, e.g. the built-in "default". */
export const IndexingPolicy = referenceKind<IIndexingPolicy>('IndexingPolicy', 'an indexing policy', DataSpsIndexingPolicy, 'indexingPolicyKey');
/** Local user groups. */
export const LocalGroup = referenceKind<ILocalGroup>('LocalGroup', 'a local user group', DataSpsLocalGroup, 'localGroupKey');
/** Certificates with their private keys uploaded to SPS. */
export const X509Identity = referenceKind<IX509Identity>('X509Identity', 'an X.509 identity', DataSpsX509Identity, 'x509IdentityKey');
/** Signing CAs. */
export const SigningCa = referenceKind<ISigningCa>('SigningCa', 'a signing CA', DataSpsSigningCa, 'signingCaKey');
/** Trusted CA lists. */
export const TrustedCaList = referenceKind<ITrustedCaList>('TrustedCaList', 'a trusted CA list', DataSpsTrustedCaList, 'trustedCaListKey');
/** LDAP servers. */
export const LdapServer = referenceKind<ILdapServer>('LdapServer', 'an LDAP server', DataSpsLdapServer, 'ldapServerKey');
/** Backup policies. */
export const BackupPolicy = referenceKind<IBackupPolicy>('BackupPolicy', 'a backup policy', DataSpsBackupPolicy, 'backupPolicyKey');
/** Usermapping policies. */
export const UsermappingPolicy = referenceKind<IUsermappingPolicy>('UsermappingPolicy', 'a usermapping policy', DataSpsUsermappingPolicy, 'usermappingPolicyKey');
/** Archive/cleanup policies. */
export const ArchiveCleanupPolicy = referenceKind<IArchiveCleanupPolicy>('ArchiveCleanupPolicy', 'an archive/cleanup policy', DataSpsArchiveCleanupPolicy, 'archiveCleanupPolicyKey');
/** Analytics policies. */
export const AnalyticsPolicy = referenceKind<IAnalyticsPolicy>('AnalyticsPolicy', 'an analytics policy', DataSpsAnalyticsPolicy, 'analyticsPolicyKey');
