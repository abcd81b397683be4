/**
 * References to appliance objects, one interface per kind (like aws-cdk-lib's ITopic, IQueue), so
 * that an audit policy cannot be passed where a channel policy belongs. Each kind's class has
 * `fromName` (a data-source lookup Terraform resolves at plan time; built-ins included) and
 * `fromKey` (a key written out, e.g. a built-in's negative key).
 */
import { Token } from 'cdktf';
import type { Construct } from 'constructs';
import { isObjectKey } from '../model';
import { OptionsError } from './errors';
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
import { DataSpsUserList } from './generated/sps/data-sps-user-list';
import { DataSpsUsermappingPolicy } from './generated/sps/data-sps-usermapping-policy';
import { DataSpsX509Identity } from './generated/sps/data-sps-x509-identity';

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

/** A generated data source that finds an object by name. */
type NameLookup = new (scope: Construct, id: string, config: { name: string }) => { readonly id: string };

/** `fromName` and `fromKey` for one kind, returning that kind's reference type. */
function referenceKind<Reference>(className: string, kind: string, Lookup: NameLookup, reference: (key: string) => Reference) {
  return class {
    /** An existing object of this kind, found by name when Terraform plans (built-ins included, e.g. "default"). */
    static fromName(scope: Construct, id: string, name: string): Reference {
      if (typeof name !== 'string' || (name.trim() === '' && !Token.isUnresolved(name))) {
        throw new OptionsError(`${className}.fromName: the name must be a non-empty string, got ${JSON.stringify(name)}`);
      }
      return reference(new Lookup(scope, id, { name }).id);
    }

    /** An existing object of this kind by its key (e.g. a built-in's negative key such as "-10000"). */
    static fromKey(key: string): Reference {
      if (typeof key !== 'string' || (!Token.isUnresolved(key) && !isObjectKey(key))) {
        throw new OptionsError(
          `${className}.fromKey: ${JSON.stringify(key)} is not a key of ${kind} (keys are negative numbers for built-ins, or hex or UUID-like identifiers); to find one by name, use ${className}.fromName`,
        );
      }
      return reference(key);
    }
  };
}

/** User lists (white- or blacklists of usernames), e.g. the built-in "no_root". */
export const UserListReference = referenceKind('UserList', 'a user list', DataSpsUserList, (userListKey): IUserList => ({ userListKey }));
/** HTTP channel policies, e.g. the built-in "default". */
export const HttpChannelPolicy = referenceKind('HttpChannelPolicy', 'an HTTP channel policy', DataSpsHttpChannelPolicy, (httpChannelPolicyKey): IHttpChannelPolicy => ({ httpChannelPolicyKey }));
/** HTTP settings policies (timeouts), e.g. the built-in "default". */
export const HttpSettingsPolicy = referenceKind('HttpSettingsPolicy', 'an HTTP settings policy', DataSpsHttpSettingsPolicy, (httpSettingsPolicyKey): IHttpSettingsPolicy => ({ httpSettingsPolicyKey }));
/** HTTP authentication policies, e.g. the built-in "default". */
export const HttpAuthenticationPolicy = referenceKind('HttpAuthenticationPolicy', 'an HTTP authentication policy', DataSpsHttpAuthenticationPolicy, (httpAuthenticationPolicyKey): IHttpAuthenticationPolicy => ({
  httpAuthenticationPolicyKey,
}));
/** Audit policies, e.g. the built-in "default". */
export const AuditPolicy = referenceKind('AuditPolicy', 'an audit policy', DataSpsAuditPolicy, (auditPolicyKey): IAuditPolicy => ({ auditPolicyKey }));
/** Indexing policies, e.g. the built-in "default". */
export const IndexingPolicy = referenceKind('IndexingPolicy', 'an indexing policy', DataSpsIndexingPolicy, (indexingPolicyKey): IIndexingPolicy => ({ indexingPolicyKey }));
/** Local user groups. */
export const LocalGroup = referenceKind('LocalGroup', 'a local user group', DataSpsLocalGroup, (localGroupKey): ILocalGroup => ({ localGroupKey }));
/** Certificates with their private keys uploaded to SPS. */
export const X509Identity = referenceKind('X509Identity', 'an X.509 identity', DataSpsX509Identity, (x509IdentityKey): IX509Identity => ({ x509IdentityKey }));
/** Signing CAs. */
export const SigningCa = referenceKind('SigningCa', 'a signing CA', DataSpsSigningCa, (signingCaKey): ISigningCa => ({ signingCaKey }));
/** Trusted CA lists. */
export const TrustedCaList = referenceKind('TrustedCaList', 'a trusted CA list', DataSpsTrustedCaList, (trustedCaListKey): ITrustedCaList => ({ trustedCaListKey }));
/** LDAP servers. */
export const LdapServer = referenceKind('LdapServer', 'an LDAP server', DataSpsLdapServer, (ldapServerKey): ILdapServer => ({ ldapServerKey }));
/** Backup policies. */
export const BackupPolicy = referenceKind('BackupPolicy', 'a backup policy', DataSpsBackupPolicy, (backupPolicyKey): IBackupPolicy => ({ backupPolicyKey }));
/** Usermapping policies. */
export const UsermappingPolicy = referenceKind('UsermappingPolicy', 'a usermapping policy', DataSpsUsermappingPolicy, (usermappingPolicyKey): IUsermappingPolicy => ({ usermappingPolicyKey }));
/** Archive/cleanup policies. */
export const ArchiveCleanupPolicy = referenceKind('ArchiveCleanupPolicy', 'an archive/cleanup policy', DataSpsArchiveCleanupPolicy, (archiveCleanupPolicyKey): IArchiveCleanupPolicy => ({
  archiveCleanupPolicyKey,
}));
/** Analytics policies. */
export const AnalyticsPolicy = referenceKind('AnalyticsPolicy', 'an analytics policy', DataSpsAnalyticsPolicy, (analyticsPolicyKey): IAnalyticsPolicy => ({ analyticsPolicyKey }));
