/**
 * Whether `terraform init` will find the provider without a registry, and if not, the one command
 * that installs it. Checked at synth (src/constructs/sps-provider.ts): without it, cdktf diff and
 * terraform init fail later with Terraform's "Failed to query available provider packages".
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { PACKAGE_VERSION, PROVIDER_SOURCE } from '../version';
import { terraformPlatform } from './provider-install';

/** Whether a filesystem mirror holds this version for this platform, unpacked (as sps-install-provider writes it) or packed. */
function mirrorHolds(mirror: string): boolean {
  const dir = join(mirror, PROVIDER_SOURCE);
  const unpacked = join(dir, PACKAGE_VERSION, terraformPlatform());
  return (existsSync(unpacked) && readdirSync(unpacked).length > 0) || existsSync(join(dir, `terraform-provider-sps_${PACKAGE_VERSION}_${terraformPlatform()}.zip`));
}

/** Terraform's implied local mirror directories, searched when the CLI configuration has no provider_installation block. */
function impliedMirrors(workingDirectory: string, env: NodeJS.ProcessEnv): string[] {
  const home = env.HOME || homedir();
  const local = join(workingDirectory, 'terraform.d', 'plugins');
  if (process.platform === 'win32') return [local, join(env.APPDATA ?? home, 'HashiCorp', 'Terraform', 'plugins')];
  if (process.platform === 'darwin') return [local, join(home, '.terraform.d', 'plugins'), join(home, 'Library/Application Support/io.terraform/plugins'), '/Library/Application Support/io.terraform/plugins'];
  const dataDirs = [env.XDG_DATA_HOME || join(home, '.local', 'share'), ...(env.XDG_DATA_DIRS || '/usr/local/share:/usr/share').split(':').filter(Boolean)];
  return [local, join(home, '.terraform.d', 'plugins'), ...dataDirs.map((dir) => join(dir, 'terraform', 'plugins'))];
}

/** The CLI configuration Terraform reads: TF_CLI_CONFIG_FILE, else the user's default file. */
function cliConfigFile(env: NodeJS.ProcessEnv): string {
  if (env.TF_CLI_CONFIG_FILE) return resolve(env.TF_CLI_CONFIG_FILE);
  return process.platform === 'win32' ? join(env.APPDATA ?? homedir(), 'terraform.rc') : join(env.HOME || homedir(), '.terraformrc');
}

/** The strings an HCL attribute `name = "…"` holds in `text`. */
function hclStrings(text: string, name: string): string[] {
  return [...text.matchAll(new RegExp(`${name}\\s*=\\s*"((?:[^"\\\\]|\\\\.)*)"`, 'g'))].map((m) => JSON.parse(`"${m[1]}"`) as string);
}

/**
 * The command that installs the provider where Terraform, run in `workingDirectory` with `env`,
 * looks for it; undefined when it is there, or when Terraform may find it in a way this cannot
 * check (a network mirror). `projectDirectory` is where the user runs the command.
 */
export function providerInstallCommand(workingDirectory: string, projectDirectory: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const configFile = cliConfigFile(env);
  const config = existsSync(configFile) ? readFileSync(configFile, 'utf8').replace(/^\s*(#|\/\/).*$/gm, '') : '';
  if (/\bnetwork_mirror\b/.test(config)) return undefined;
  const mirrors = [...config.matchAll(/filesystem_mirror\s*\{([^}]*)\}/g)].flatMap((m) => hclStrings(m[1], '\\bpath')).map((path) => resolve(workingDirectory, path));
  const overrides = [...config.matchAll(/dev_overrides\s*\{([^}]*)\}/g)].flatMap((m) => hclStrings(m[1], '"(?:registry\\.terraform\\.io/)?sps-iac/sps"'));
  if (overrides.some((dir) => existsSync(dir) && readdirSync(dir).some((name) => name.startsWith('terraform-provider-sps')))) return undefined;
  const searched = /\bprovider_installation\s*\{/.test(config) ? mirrors : impliedMirrors(workingDirectory, env);
  if (searched.some(mirrorHolds)) return undefined;
  // sps-install-provider's layout (DIR/terraformrc naming the mirror DIR/mirror): install into DIR again.
  const dir = dirname(configFile);
  if (env.TF_CLI_CONFIG_FILE && basename(configFile) === 'terraformrc' && mirrors.includes(join(dir, 'mirror'))) {
    return dir === join(projectDirectory, '.sps-provider') ? 'npx sps-install-provider' : `npx sps-install-provider --dir ${JSON.stringify(dir)}`;
  }
  return `npx sps-install-provider && export TF_CLI_CONFIG_FILE=${JSON.stringify(join(projectDirectory, '.sps-provider', 'terraformrc'))}`;
}
