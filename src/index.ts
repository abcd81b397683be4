/**
 * sps-iac for CDK for Terraform (`cdktf`): the constructs, the provider and the generated
 * bindings. The same API for CDK Terrain (`cdktn`) is `sps-iac/cdktn`; the embedded appliance
 * simulator for tests is `sps-iac/simulator`.
 */
export * from './constructs';
export { PACKAGE_VERSION, PROVIDER_SOURCE, PROVIDER_VERSION_CONSTRAINT } from './version';
