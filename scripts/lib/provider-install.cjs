// Installs the bundled provider where Terraform finds it without a registry: a filesystem mirror
// (with `terraform init`) or a dev_overrides directory. Shared by the install script, tests, the
// demo, docs and bindings generation.
// CommonJS, so that the ESM scripts and the jest tests (CommonJS) can both load it.
const { copyFileSync, chmodSync, existsSync, mkdirSync, writeFileSync } = require('node:fs');
const { dirname, join, resolve } = require('node:path');

const repoRoot = join(__dirname, '../..');
const PROVIDER_SOURCE = 'registry.terraform.io/sps-iac/sps';
const PROVIDER_VERSION = '0.1.0';
const bundlePath = join(repoRoot, 'dist/terraform-provider-sps.js');

/** Copies the bundle into `<dir>/registry.terraform.io/sps-iac/sps/<version>/linux_amd64/`. */
function installProvider({ dir = join(repoRoot, '.mirror'), bundle = bundlePath } = {}) {
  if (!existsSync(bundle)) throw new Error(`${bundle} does not exist: run npm run build first`);
  const platformDir = join(resolve(dir), PROVIDER_SOURCE, PROVIDER_VERSION, `linux_${process.arch === 'arm64' ? 'arm64' : 'amd64'}`);
  mkdirSync(platformDir, { recursive: true });
  const target = join(platformDir, `terraform-provider-sps_v${PROVIDER_VERSION}`);
  copyFileSync(bundle, target);
  chmodSync(target, 0o755);
  return { mirrorDir: resolve(dir), executable: target };
}

/** A CLI configuration that takes sps-iac/sps from the mirror and nothing from the network. */
function writeMirrorCliConfig(file, mirrorDir) {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(
    file,
    `provider_installation {\n  filesystem_mirror {\n    path    = ${JSON.stringify(resolve(mirrorDir))}\n    include = ["${PROVIDER_SOURCE}"]\n  }\n  direct {\n    exclude = ["${PROVIDER_SOURCE}"]\n  }\n}\n`,
  );
}

/** A CLI configuration for development: Terraform runs the executable in `binDir` without `terraform init`. */
function writeDevOverridesCliConfig(file, binDir) {
  mkdirSync(dirname(file), { recursive: true });
  mkdirSync(binDir, { recursive: true });
  copyFileSync(bundlePath, join(binDir, 'terraform-provider-sps'));
  chmodSync(join(binDir, 'terraform-provider-sps'), 0o755);
  writeFileSync(
    file,
    `provider_installation {\n  dev_overrides {\n    "${PROVIDER_SOURCE}" = ${JSON.stringify(resolve(binDir))}\n  }\n  direct {}\n}\n`,
  );
}

module.exports = { repoRoot, PROVIDER_SOURCE, PROVIDER_VERSION, bundlePath, installProvider, writeMirrorCliConfig, writeDevOverridesCliConfig };
