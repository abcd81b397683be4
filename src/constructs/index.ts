/**
 * CDKTF constructs for SPS: hand-written constructs and helpers, typed references to appliance
 * objects, the provider, and the generated bindings (./generated), one namespace per resource and
 * data source as in the prebuilt `@cdktf/provider-*` packages (`userList.UserList`,
 * `dataSpsHttpChannelPolicy.DataSpsHttpChannelPolicy`, …).
 */
export * from './api-client';
export * from './channel-policies';
export { ServerAddress } from './connection-policy';
export { OptionsError, ValidationError } from './errors';
export * from './http-connection-policy';
export * from './rdp-connection-policy';
export * from './references';
export * from './sps-object';
export * from './ssh-connection-policy';
export * from './time-policy';
export * from './user-list';
export { SpsProvider, type SpsProviderConfig } from './sps-provider';
export * from './generated/sps';
// Also as a namespace, like the prebuilt packages' `provider.SpsProvider`.
export * as provider from './sps-provider';
