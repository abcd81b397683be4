export * from './diagnostics';
export * from './plan';
export * from './provider-server';
export * from './schema';
export * from './types';
export * from './values';
