import type { Credentials, TlsOptions } from '../client';
import { baseUrlWithoutApi, isLoopback, urlForMessages } from '../client/base-url';
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
        'Base URL of the appliance, e.g. `https://sps.example.com`, without the API\'s own `/api` path. `http://` is refused (the password would cross the network in clear ' +
        'text) except for loopback addresses such as the simulator, unless `allow_insecure_http` is set. The appliance is reached through the proxy ' +
        'named by `HTTPS_PROXY` (`HTTP_PROXY` for `http://`) unless `NO_PROXY` lists its host; loopback addresses are never proxied, and ' +
        '`ca_file`/`insecure` apply to the appliance at the end of the proxy\'s tunnel. Environment: `SPS_URL`.',
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
      description: 'Message stored with every commit, e.g. the pull request\'s URL. Environment: `SPS_COMMIT_MESSAGE`; a value set here wins over it, so leave it out where CI sets the variable.',
    },
    lock_timeout: {
      type: 'string',
      optional: true,
      description:
        'How long to wait while another administrator holds the configuration lock, e.g. `30s`, `5m` (default `2m`). Environment: `SPS_LOCK_TIMEOUT`.',
    },
    request_timeout: {
      type: 'string',
      optional: true,
      description:
        'How long one request to the appliance may take in all, from connecting to the last byte of the answer, e.g. `30s`, `5m` (default `60s`, at most `24h`). ' +
        'A request that runs out of time is retried like a broken connection when that is safe (reads, updates, deletes), never blindly when it creates. ' +
        'Environment: `SPS_REQUEST_TIMEOUT`.',
    },
  },
};

/** What the provider block (with its environment fallbacks) configures: the client, and how changes are committed. */
export interface ProviderSettings {
  /** The ApplianceClient's connection options. */
  readonly client: { readonly url: string; readonly credentials: Credentials; readonly tls: TlsOptions; readonly requestTimeoutMs: number };
  readonly commitMessage: string | undefined;
  readonly lockTimeoutMs: number;
}

const DEFAULT_LOCK_TIMEOUT_MS = 120_000;
const DEFAULT_REQUEST_TIMEOUT_MS = 60_000;

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
  request_timeout: 'SPS_REQUEST_TIMEOUT',
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

  const duration = (attribute: DurationAttribute, fallback: number): number => {
    const value = text(attribute);
    if (value === undefined) return fallback;
    const problem = durationProblem(attribute, value);
    if (problem) error(attribute, `Invalid ${attribute}`, `${named(attribute)}: ${problem}`);
    return parseDuration(value) ?? fallback;
  };
  const lockTimeoutMs = duration('lock_timeout', DEFAULT_LOCK_TIMEOUT_MS);
  const requestTimeoutMs = duration('request_timeout', DEFAULT_REQUEST_TIMEOUT_MS);

  if (diagnostics.some((d) => d.severity === 'error') || !url || !credentials) return { diagnostics };
  return { settings: { client: { url, credentials, tls: { caFile, insecure }, requestTimeoutMs }, commitMessage: text('commit_message'), lockTimeoutMs }, diagnostics };
}

type DurationAttribute = 'lock_timeout' | 'request_timeout';

/** The longest request_timeout: a day is already no longer a timeout (and timers overflow past 24.8 days). */
const MAX_REQUEST_TIMEOUT_MS = 86_400_000;

/** What is wrong with a duration setting, or undefined. */
function durationProblem(attribute: DurationAttribute, value: string): string | undefined {
  const parsed = parseDuration(value);
  if (parsed === undefined) return `"${value}" is not a duration such as 30s, 5m or 1h.`;
  if (attribute !== 'request_timeout') return undefined;
  if (parsed === 0) return `"${value}" leaves no time for a request; give a duration such as 60s.`;
  if (parsed > MAX_REQUEST_TIMEOUT_MS) return `"${value}" is longer than a day; give a duration such as 60s or 10m.`;
  return undefined;
}

/** Checks that can run before every value is known (ValidateProviderConfig): the ones on values given in the block. */
export function validateProviderConfig(config: ObjectValue): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const attribute of ['lock_timeout', 'request_timeout'] as const) {
    const value = config[attribute];
    const problem = typeof value === 'string' ? durationProblem(attribute, value) : undefined;
    if (problem) diagnostics.push(errorDiagnostic(`Invalid ${attribute}`, `${attribute}: ${problem}`, [attribute]));
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
    return error('url', 'Invalid appliance URL', `${named('url')}: "${urlForMessages(url).slice(0, 200)}" is not a URL such as https://sps.example.com.`);
  }
  const base = baseUrlWithoutApi(parsed);
  if (base !== undefined) {
    return error(
      'url',
      'Invalid appliance URL',
      `${named('url')} is "${urlForMessages(url).slice(0, 200)}": url must be the appliance's base URL without /api: use ${base.slice(0, 200)}. The provider adds /api/… to it itself (this URL would request /api/api/authentication).`,
    );
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

/** "90s", "5m", "1h", "1m30s" → milliseconds; undefined when it is not a duration. */
export function parseDuration(text: string): number | undefined {
  const match = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+(?:\.\d+)?)s)?$/.exec(text.trim());
  if (!match || text.trim() === '') return undefined;
  const [, hours, minutes, seconds] = match;
  return ((Number(hours ?? 0) * 60 + Number(minutes ?? 0)) * 60 + Number(seconds ?? 0)) * 1000;
}
