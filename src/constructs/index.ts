/** Hand-written CDKTF constructs for SPS, on top of the generated bindings (./generated). */
export * from './api-client';
export * from './http-connection-policy';
export * from './lookups';
export * from './user-list';
export * as bindings from './generated/sps';
