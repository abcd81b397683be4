/**
 * References to appliance objects, one type per kind (like aws-cdk-lib's ITopic, IQueue), so that
 * an audit policy cannot be passed where a channel policy belongs. Each kind that Terraform only
 * looks up has a class here with `fromName` (a data-source lookup Terraform resolves at plan time;
 * built-ins included), `fromKey` (a key written out, e.g. a built-in's negative key) and `keyOf`;
 * the managed kinds have theirs on their constructs (`UserList.fromName`). All of it is derived from
 * the kinds' descriptions (reference-kind.ts): only the exported names are written here.
 */
import * as model from '../model';
import { referenceKind, type ReferenceOf } from './reference-kind';

export type IUserList = ReferenceOf<typeof model.userLists>;
export type IHttpConnectionPolicy = ReferenceOf<typeof model.httpConnectionPolicies>;
export type IApiClient = ReferenceOf<typeof model.apiClients>;
export type ITimePolicy = ReferenceOf<typeof model.timePolicies>;
export type IHttpChannelPolicy = ReferenceOf<typeof model.httpChannelPolicies>;
export type ISshChannelPolicy = ReferenceOf<typeof model.sshChannelPolicies>;
export type IRdpChannelPolicy = ReferenceOf<typeof model.rdpChannelPolicies>;
export type IHttpSettingsPolicy = ReferenceOf<typeof model.httpSettingsPolicies>;
export type IHttpAuthenticationPolicy = ReferenceOf<typeof model.httpAuthenticationPolicies>;
export type ISshConnectionPolicy = ReferenceOf<typeof model.sshConnectionPolicies>;
export type IRdpConnectionPolicy = ReferenceOf<typeof model.rdpConnectionPolicies>;
export type ISshSettingsPolicy = ReferenceOf<typeof model.sshSettingsPolicies>;
export type ISshAuthenticationPolicy = ReferenceOf<typeof model.sshAuthenticationPolicies>;
export type IRdpSettingsPolicy = ReferenceOf<typeof model.rdpSettingsPolicies>;
export type IAuditPolicy = ReferenceOf<typeof model.auditPolicies>;
export type IIndexingPolicy = ReferenceOf<typeof model.indexingPolicies>;
export type ILocalGroup = ReferenceOf<typeof model.localGroups>;
export type IX509Identity = ReferenceOf<typeof model.x509Identities>;
export type ISigningCa = ReferenceOf<typeof model.signingCas>;
export type ITrustedCaList = ReferenceOf<typeof model.trustedCaLists>;
export type ILdapServer = ReferenceOf<typeof model.ldapServers>;
export type IBackupPolicy = ReferenceOf<typeof model.backupPolicies>;
export type IUsermappingPolicy = ReferenceOf<typeof model.usermappingPolicies>;
export type IArchiveCleanupPolicy = ReferenceOf<typeof model.archiveCleanupPolicies>;
export type IAnalyticsPolicy = ReferenceOf<typeof model.analyticsPolicies>;
export type IContentPolicy = ReferenceOf<typeof model.contentPolicies>;

export const HttpSettingsPolicy = referenceKind(model.httpSettingsPolicies);
export const HttpAuthenticationPolicy = referenceKind(model.httpAuthenticationPolicies);
export const SshSettingsPolicy = referenceKind(model.sshSettingsPolicies);
export const SshAuthenticationPolicy = referenceKind(model.sshAuthenticationPolicies);
export const RdpSettingsPolicy = referenceKind(model.rdpSettingsPolicies);
export const AuditPolicy = referenceKind(model.auditPolicies);
export const IndexingPolicy = referenceKind(model.indexingPolicies);
export const LocalGroup = referenceKind(model.localGroups);
export const X509Identity = referenceKind(model.x509Identities);
export const SigningCa = referenceKind(model.signingCas);
export const TrustedCaList = referenceKind(model.trustedCaLists);
export const LdapServer = referenceKind(model.ldapServers);
export const BackupPolicy = referenceKind(model.backupPolicies);
export const UsermappingPolicy = referenceKind(model.usermappingPolicies);
export const ArchiveCleanupPolicy = referenceKind(model.archiveCleanupPolicies);
export const AnalyticsPolicy = referenceKind(model.analyticsPolicies);
export const ContentPolicy = referenceKind(model.contentPolicies);
