// The repository's view of the installer (src/install/provider-install.ts, built into dist/):
// scripts and tests install the freshly built provider into directories of their own.
const { join } = require('node:path');

const repoRoot = join(__dirname, '../..');
const install = require(join(repoRoot, 'dist/install/provider-install.js'));
const { PACKAGE_VERSION, PROVIDER_SOURCE } = require(join(repoRoot, 'dist/version.js'));

module.exports = {
  repoRoot,
  PROVIDER_SOURCE,
  PROVIDER_VERSION: PACKAGE_VERSION,
  bundlePath: install.BUNDLED_PROVIDER,
  installProvider: (options = {}) => install.installProvider({ dir: join(repoRoot, '.mirror'), ...options }),
  writeMirrorCliConfig: install.writeMirrorCliConfig,
  writeDevOverridesCliConfig: install.writeDevOverridesCliConfig,
};
