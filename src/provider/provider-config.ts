import type { ObjectValue, Schema } from '../plugin/framework';

/** The provider block: connection, credentials, and how changes are committed. */
export const providerSchema: Schema = {
  description:
    'The `sps` provider manages the configuration of One Identity Safeguard for Privileged Sessions (SPS) appliances through their ' +
    'REST API. Every change is written inside an appliance transaction and committed atomically; changes applied together share one ' +
    'commit. The provider logs in once per run and reuses the session. Every argument can also be set through an environment variable, ' +
    'so that no secret has to be written into configuration.',
  attributes: {
    url: { type: 'string', optional: true, description: 'Base URL of the appliance, e.g. `https://sps.example.com`. Environment: `SPS_URL`.' },
    username: { type: 'string', optional: true, description: 'Administrator user name for Basic login. Environment: `SPS_USERNAME`.' },
    password: { type: 'string', optional: true, sensitive: true, description: 'Password of `username`. Environment: `SPS_PASSWORD`.' },
    client_id: {
      type: 'string',
      optional: true,
      description: 'Client ID of an API-client app, to authenticate with an OAuth token instead of a password. Environment: `SPS_CLIENT_ID`.',
    },
    client_secret: { type: 'string', optional: true, sensitive: true, description: 'Secret of `client_id`. Environment: `SPS_CLIENT_SECRET`.' },
    ca_file: {
      type: 'string',
      optional: true,
      description: 'PEM file with a CA certificate to trust in addition to the system roots (e.g. the appliance\'s own CA). Environment: `SPS_CA_FILE`.',
    },
    insecure: {
      type: 'bool',
      optional: true,
      description: 'Skip TLS certificate verification. Defaults to `false`; only for testing. Environment: `SPS_INSECURE`.',
    },
    commit_message: {
      type: 'string',
      optional: true,
      description: 'Message stored with every commit, e.g. the pull request\'s URL. Environment: `SPS_COMMIT_MESSAGE`.',
    },
    lock_timeout: {
      type: 'string',
      optional: true,
      description:
        'How long to wait while another administrator holds the configuration lock, e.g. `30s`, `5m` (default `2m`). Environment: `SPS_LOCK_TIMEOUT`.',
    },
  },
};

export interface ProviderSettings {
  url?: string;
  username?: string;
  password?: string;
  client_id?: string;
  client_secret?: string;
  ca_file?: string;
  insecure?: boolean;
  commit_message?: string;
  lockTimeoutMs: number;
}

const ENV = {
  url: 'SPS_URL',
  username: 'SPS_USERNAME',
  password: 'SPS_PASSWORD',
  client_id: 'SPS_CLIENT_ID',
  client_secret: 'SPS_CLIENT_SECRET',
  ca_file: 'SPS_CA_FILE',
  commit_message: 'SPS_COMMIT_MESSAGE',
} as const;

/** Configuration values, each falling back to its environment variable. */
export function resolveSettings(config: ObjectValue, env: NodeJS.ProcessEnv = process.env): ProviderSettings {
  const settings: ProviderSettings = { lockTimeoutMs: 120_000 };
  for (const [attribute, variable] of Object.entries(ENV) as Array<[keyof typeof ENV, string]>) {
    const value = typeof config[attribute] === 'string' ? (config[attribute] as string) : env[variable];
    if (value) settings[attribute] = value;
  }
  const insecure = typeof config.insecure === 'boolean' ? config.insecure : env.SPS_INSECURE;
  settings.insecure = insecure === true || (typeof insecure === 'string' && /^(1|true|yes)$/i.test(insecure));
  const lockTimeout = typeof config.lock_timeout === 'string' ? config.lock_timeout : env.SPS_LOCK_TIMEOUT;
  if (lockTimeout) settings.lockTimeoutMs = parseDuration(lockTimeout, 'lock_timeout');
  return settings;
}

/** "90s", "5m", "1h", "1m30s" → milliseconds. */
export function parseDuration(text: string, attribute: string): number {
  const match = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+(?:\.\d+)?)s)?$/.exec(text.trim());
  if (!match || text.trim() === '') throw new Error(`${attribute}: "${text}" is not a duration such as 30s, 5m or 1h`);
  const [, hours, minutes, seconds] = match;
  return ((Number(hours ?? 0) * 60 + Number(minutes ?? 0)) * 60 + Number(seconds ?? 0)) * 1000;
}
