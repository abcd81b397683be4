import type { Credentials, TlsOptions } from '../client';
import { type Diagnostic, errorDiagnostic, type ObjectValue, type Schema } from '../plugin/framework';

/** The provider block: connection, credentials, and how changes are committed. */
export const providerSchema: Schema = {
  description:
    'The `sps` provider manages the configuration of One Identity Safeguard for Privileged Sessions (SPS) appliances through their ' +
    'REST API. Every change is written inside an appliance transaction and committed atomically; changes applied together share one ' +
    'commit. Each provider process logs in once and reuses the session (`terraform apply` runs two that talk to the appliance: its plan and its apply). Every argument can also be set through an environment variable, ' +
    'so that no secret has to be written into configuration.',
  attributes: {
    url: {
      type: 'string',
      optional: true,
      description:
        'Base URL of the appliance, e.g. `https://sps.example.com`. `http://` is refused (the password would cross the network in clear ' +
        'text) except for loopback addresses such as the simulator, unless `allow_insecure_http` is set. Environment: `SPS_URL`.',
    },
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
      description: 'Skip TLS certificate verification. Defaults to `false`; only for testing, and every plan and apply warns about it. Environment: `SPS_INSECURE`.',
    },
    allow_insecure_http: {
      type: 'bool',
      optional: true,
      description:
        'Allow an `http://` URL to an address that is not loopback: credentials then cross the network unencrypted. Defaults to `false`; ' +
        'every plan and apply warns when it is used. Environment: `SPS_ALLOW_INSECURE_HTTP`.',
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

/** What the provider block (with its environment fallbacks) configures: the client, and how changes are committed. */
export interface ProviderSettings {
  readonly client: { readonly url: string; readonly credentials: Credentials; readonly tls: TlsOptions };
  readonly commitMessage: string | undefined;
  readonly lockTimeoutMs: number;
}

const DEFAULT_LOCK_TIMEOUT_MS = 120_000;

/** Each attribute's environment variable. */
const ENVIRONMENT = {
  url: 'SPS_URL',
  username: 'SPS_USERNAME',
  password: 'SPS_PASSWORD',
  client_id: 'SPS_CLIENT_ID',
  client_secret: 'SPS_CLIENT_SECRET',
  ca_file: 'SPS_CA_FILE',
  insecure: 'SPS_INSECURE',
  allow_insecure_http: 'SPS_ALLOW_INSECURE_HTTP',
  commit_message: 'SPS_COMMIT_MESSAGE',
  lock_timeout: 'SPS_LOCK_TIMEOUT',
} as const;
type Attribute = keyof typeof ENVIRONMENT;

/** "the attribute (or its environment variable)", as messages name a setting. */
const named = (attribute: Attribute) => `${attribute} (or ${ENVIRONMENT[attribute]})`;

/**
 * The provider block's values, each falling back to its environment variable, checked with
 * diagnostics on the attribute at fault (errors, and warnings for settings that weaken security).
 */
export function resolveProviderConfig(config: ObjectValue, env: NodeJS.ProcessEnv = process.env): { settings?: ProviderSettings; diagnostics: Diagnostic[] } {
  const text = (attribute: Attribute): string | undefined => {
    const value = config[attribute];
    return typeof value === 'string' ? value : env[ENVIRONMENT[attribute]] || undefined;
  };
  const flag = (attribute: Attribute): boolean => {
    const value = config[attribute];
    if (typeof value === 'boolean') return value;
    return /^(1|true|yes)$/i.test(env[ENVIRONMENT[attribute]] ?? '');
  };
  const diagnostics: Diagnostic[] = [];
  const error = (attribute: Attribute, summary: string, detail: string) => diagnostics.push(errorDiagnostic(summary, detail, [attribute]));
  const warning = (attribute: Attribute, summary: string, detail: string) => diagnostics.push({ severity: 'warning', summary, detail, path: [attribute] });

  const url = text('url');
  if (!url) error('url', 'Missing appliance URL', `Set ${named('url')}, e.g. https://sps.example.com.`);
  else checkUrl(url, flag('allow_insecure_http'), error, warning);

  let credentials: Credentials | undefined;
  const [username, password, clientId, clientSecret] = [text('username'), text('password'), text('client_id'), text('client_secret')];
  if ((username || password) && (clientId || clientSecret)) {
    error(clientId ? 'client_id' : 'client_secret', 'Conflicting credentials', 'Set either username and password, or client_id and client_secret, not both.');
  } else if (clientId || clientSecret) {
    if (!clientId) error('client_id', 'Missing client_id', `Set ${named('client_id')} together with client_secret.`);
    else if (!clientSecret) error('client_secret', 'Missing client_secret', `Set ${named('client_secret')} together with client_id.`);
    else credentials = { kind: 'oauth', clientId, clientSecret };
  } else if (!username) {
    error('username', 'Missing credentials', `Set ${named('username')} and ${named('password')}, or client_id and client_secret.`);
  } else if (!password) {
    error('password', 'Missing password', `Set ${named('password')} for the user "${username}".`);
  } else {
    credentials = { kind: 'password', username, password };
  }

  const caFile = text('ca_file');
  const insecure = flag('insecure');
  if (insecure && caFile) error('insecure', 'Conflicting TLS settings', 'Set either ca_file or insecure = true, not both.');
  else if (insecure) {
    warning('insecure', 'TLS certificate verification is off', 'insecure = true: the appliance\'s certificate is not verified, so anyone on the path can impersonate it and capture the credentials. Use it only with a test appliance; give ca_file instead.');
  }

  let lockTimeoutMs = DEFAULT_LOCK_TIMEOUT_MS;
  const lockTimeout = text('lock_timeout');
  if (lockTimeout !== undefined) {
    const parsed = parseDuration(lockTimeout);
    if (parsed === undefined) error('lock_timeout', 'Invalid lock_timeout', `${named('lock_timeout')}: "${lockTimeout}" is not a duration such as 30s, 5m or 1h.`);
    else lockTimeoutMs = parsed;
  }

  if (diagnostics.some((d) => d.severity === 'error') || !url || !credentials) return { diagnostics };
  return { settings: { client: { url, credentials, tls: { caFile, insecure } }, commitMessage: text('commit_message'), lockTimeoutMs }, diagnostics };
}

/** Checks that can run before every value is known (ValidateProviderConfig): the ones on values given in the block. */
export function validateProviderConfig(config: ObjectValue): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  if (typeof config.lock_timeout === 'string' && parseDuration(config.lock_timeout) === undefined) {
    diagnostics.push(errorDiagnostic('Invalid lock_timeout', `"${config.lock_timeout}" is not a duration such as 30s, 5m or 1h.`, ['lock_timeout']));
  }
  if (typeof config.url === 'string') {
    checkUrl(config.url, config.allow_insecure_http === true, (attribute, summary, detail) => diagnostics.push(errorDiagnostic(summary, detail, [attribute])), () => undefined);
  }
  return diagnostics;
}

function checkUrl(url: string, allowInsecureHttp: boolean, error: (attribute: Attribute, summary: string, detail: string) => void, warning: (attribute: Attribute, summary: string, detail: string) => void): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    // Printed without its userinfo (user:password@), which must not reach logs.
    return error('url', 'Invalid appliance URL', `${named('url')}: "${url.replace(/\/\/[^@/]*@/, '//').slice(0, 200)}" is not a URL such as https://sps.example.com.`);
  }
  if (parsed.protocol === 'https:') return;
  if (parsed.protocol !== 'http:') return error('url', 'Invalid appliance URL', `${named('url')} must start with https:// (got ${parsed.protocol}//).`);
  if (isLoopback(parsed.hostname)) return;
  if (!allowInsecureHttp) {
    return error(
      'url',
      'Refusing to send credentials over plain HTTP',
      `${named('url')} is http:// to ${parsed.hostname}, which is not a loopback address: the password or client secret would cross the network unencrypted. Use https://, or set ${named('allow_insecure_http')} = true if this network is trusted.`,
    );
  }
  warning('allow_insecure_http', 'Credentials are sent over plain HTTP', `allow_insecure_http = true: the credentials and the configuration cross the network to ${parsed.hostname} unencrypted.`);
}

function isLoopback(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host.endsWith('.localhost') || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/** "90s", "5m", "1h", "1m30s" → milliseconds; undefined when it is not a duration. */
export function parseDuration(text: string): number | undefined {
  const match = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+(?:\.\d+)?)s)?$/.exec(text.trim());
  if (!match || text.trim() === '') return undefined;
  const [, hours, minutes, seconds] = match;
  return ((Number(hours ?? 0) * 60 + Number(minutes ?? 0)) * 60 + Number(seconds ?? 0)) * 1000;
}
