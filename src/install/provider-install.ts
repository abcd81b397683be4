/**
 * Puts the provider where Terraform finds it without a registry: a filesystem mirror (used by
 * `terraform init`, which records the provider's hash in the lock file) or a dev_overrides
 * directory (plain terraform only), plus the CLI configuration that points Terraform at it.
 * Used by `sps-install-provider`, the demo, the tests, docs and bindings generation.
 */
import { chmodSync, copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { PACKAGE_VERSION, PROVIDER_SOURCE } from '../version';

/** The bundled Node.js provider script (dist/terraform-provider-sps.js). */
export const BUNDLED_PROVIDER = join(__dirname, '..', 'terraform-provider-sps.js');

/** Terraform's name for this machine's platform, e.g. `linux_amd64`. */
export function terraformPlatform(platform: NodeJS.Platform = process.platform, arch: string = process.arch): string {
  const os = platform === 'win32' ? 'windows' : platform;
  const cpu = arch === 'x64' ? 'amd64' : arch === 'ia32' ? '386' : arch;
  return `${os}_${cpu}`;
}

/** A problem the user fixes (a directory, a missing build); runCommand prints its message as one line. */
class InstallError extends Error {}

/** Refuses directories inside node_modules: a reinstall of the package would silently delete them. */
function assertOutsideNodeModules(path: string, what: string): void {
  if (resolve(path).split(sep).includes('node_modules')) {
    throw new InstallError(`${what} ${resolve(path)} is inside node_modules; choose a directory of your project (npm would delete it on the next install)`);
  }
}

export interface InstalledProvider {
  /** The mirror's root directory (absolute): what a filesystem_mirror block names. */
  readonly mirrorDir: string;
  /** The installed executable (absolute). */
  readonly executable: string;
}

/** The provider to install: a file to copy, or the executable's bytes (e.g. from a release zip). */
export type ProviderSource = { readonly executable?: string; readonly contents?: Buffer };

function placeExecutable(target: string, { executable = BUNDLED_PROVIDER, contents }: ProviderSource): void {
  if (contents) writeFileSync(target, contents);
  else if (!existsSync(executable)) throw new InstallError(`${executable} does not exist: build the provider first (npm run build)`);
  else copyFileSync(executable, target);
  chmodSync(target, 0o755);
}

/**
 * Puts the provider into `<dir>/registry.terraform.io/sps-iac/sps/<version>/<os>_<arch>/`
 * (Terraform's unpacked mirror layout; its h1: hash is the release zip's).
 */
export function installProvider({ dir, ...source }: { dir: string } & ProviderSource): InstalledProvider {
  assertOutsideNodeModules(dir, 'the mirror directory');
  const platformDir = join(resolve(dir), PROVIDER_SOURCE, PACKAGE_VERSION, terraformPlatform());
  mkdirSync(platformDir, { recursive: true });
  const target = join(platformDir, `terraform-provider-sps_v${PACKAGE_VERSION}`);
  placeExecutable(target, source);
  return { mirrorDir: resolve(dir), executable: target };
}

/** A CLI configuration that takes sps-iac/sps from the mirror, and every other provider as usual. */
export function writeMirrorCliConfig(file: string, mirrorDir: string): void {
  assertOutsideNodeModules(file, 'the CLI configuration');
  mkdirSync(dirname(resolve(file)), { recursive: true });
  writeFileSync(
    file,
    `# Written by sps-install-provider for this machine (absolute paths): do not commit it.\n` +
      `provider_installation {\n  filesystem_mirror {\n    path    = ${JSON.stringify(resolve(mirrorDir))}\n    include = ["${PROVIDER_SOURCE}"]\n  }\n  direct {\n    exclude = ["${PROVIDER_SOURCE}"]\n  }\n}\n`,
  );
}

/** A CLI configuration for provider development: plain `terraform` runs the executable in `binDir` without `terraform init`. */
export function writeDevOverridesCliConfig(file: string, binDir: string, source: string | ProviderSource = BUNDLED_PROVIDER): string {
  assertOutsideNodeModules(file, 'the CLI configuration');
  assertOutsideNodeModules(binDir, 'the dev_overrides directory');
  mkdirSync(dirname(resolve(file)), { recursive: true });
  mkdirSync(binDir, { recursive: true });
  const target = join(resolve(binDir), 'terraform-provider-sps');
  placeExecutable(target, typeof source === 'string' ? { executable: source } : source);
  writeFileSync(
    file,
    `# Written by sps-install-provider for this machine (absolute paths): do not commit it.\n` +
      `provider_installation {\n  dev_overrides {\n    "${PROVIDER_SOURCE}" = ${JSON.stringify(resolve(binDir))}\n  }\n  direct {}\n}\n`,
  );
  return target;
}
