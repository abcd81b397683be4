export * from './contract';
export * from './diagnostics';
export * from './plan';
export * from './schema';
export * from './server';
export * from './values';
