/**
 * CDKTF constructs for SPS: hand-written constructs and helpers, the provider, and the generated
 * bindings (./generated), one namespace per resource and data source as in the prebuilt
 * `@cdktf/provider-*` packages (`userList.UserList`, `dataSpsHttpChannelPolicy.DataSpsHttpChannelPolicy`, …).
 */
export * from './api-client';
export * from './http-connection-policy';
export * from './lookups';
export * from './user-list';
export { SpsProvider, type SpsProviderConfig } from './sps-provider';
export * from './generated/sps';
// The generated provider binding without the lock entry; SpsProvider above is the one to use.
export * as provider from './sps-provider';
