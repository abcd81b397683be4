/**
 * CDKTF constructs for SPS: hand-written constructs and helpers, typed references to appliance
 * objects, the provider, and the generated bindings (./generated), one namespace per resource and
 * data source as in the prebuilt `@cdktf/provider-*` packages (`userList.UserList`,
 * `dataSpsHttpChannelPolicy.DataSpsHttpChannelPolicy`, …).
 */
export * from './api-client';
export { OptionsError, ValidationError } from './errors';
export * from './http-connection-policy';
export {
  AnalyticsPolicy,
  ArchiveCleanupPolicy,
  AuditPolicy,
  BackupPolicy,
  HttpAuthenticationPolicy,
  HttpChannelPolicy,
  HttpSettingsPolicy,
  IndexingPolicy,
  LdapServer,
  LocalGroup,
  SigningCa,
  TrustedCaList,
  UsermappingPolicy,
  X509Identity,
} from './references';
export type {
  IAnalyticsPolicy,
  IApiClient,
  IArchiveCleanupPolicy,
  IAuditPolicy,
  IBackupPolicy,
  IHttpAuthenticationPolicy,
  IHttpChannelPolicy,
  IHttpConnectionPolicy,
  IHttpSettingsPolicy,
  IIndexingPolicy,
  ILdapServer,
  ILocalGroup,
  ISigningCa,
  ITrustedCaList,
  IUserList,
  IUsermappingPolicy,
  IX509Identity,
} from './references';
export * from './user-list';
export { SpsProvider, type SpsProviderConfig } from './sps-provider';
export * from './generated/sps';
// Also as a namespace, like the prebuilt packages' `provider.SpsProvider`.
export * as provider from './sps-provider';
