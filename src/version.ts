/**
 * The package's version, which is also the provider's version: the bindings, the installer and
 * the lock entries all name it. test/package/version.test.ts keeps it equal to package.json.
 */
export const PACKAGE_VERSION = '0.1.0';

/** The provider's registry address (source) and type name. */
export const PROVIDER_SOURCE = 'registry.terraform.io/sps-iac/sps';

/** The version constraint the bindings declare: this minor release, any patch. */
export const PROVIDER_VERSION_CONSTRAINT = `~> ${PACKAGE_VERSION.split('.').slice(0, 2).join('.')}.0`;
