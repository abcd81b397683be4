import { join } from 'node:path';

/**
 * The environment of a user's commands (npm, npx cdktf, terraform) that must write nothing outside
 * their project: an empty `home`, no CLI configuration of this machine, CI mode, plus `extra`.
 * `inherited` is what the rest comes from (this process's environment, which test/support/
 * environment.ts has already given CHECKPOINT_DISABLE and CDKTF_DISABLE_PLUGIN_CACHE_ENV).
 */
export function isolatedUserEnvironment(
  home: string,
  extra: Record<string, string | undefined> = {},
  inherited: Record<string, string | undefined> = process.env,
): Record<string, string | undefined> {
  return {
    ...inherited,
    HOME: home,
    // npm's own download cache stays where it is (an npm install anywhere writes it).
    npm_config_cache: process.env.npm_config_cache ?? join(process.env.HOME ?? '', '.npm'),
    npm_config_update_notifier: 'false',
    TF_CLI_CONFIG_FILE: undefined,
    CI: 'true',
    ...extra,
  };
}
