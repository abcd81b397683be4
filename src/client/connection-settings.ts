import { SpsClientError } from './errors';
import type { Credentials } from './session';
import type { TlsOptions } from './http-transport';

/** The provider block's connection attributes (after env fallbacks), as DESIGN.md names them. */
export interface ConnectionSettings {
  readonly url?: string;
  readonly username?: string;
  readonly password?: string;
  readonly client_id?: string;
  readonly client_secret?: string;
  readonly ca_file?: string;
  readonly insecure?: boolean;
}

/**
 * Turns the provider configuration into client options, failing with a message that names the
 * attribute (and its environment variable) when something is missing or contradictory.
 */
export function clientSettingsFrom(settings: ConnectionSettings): { url: string; credentials: Credentials; tls: TlsOptions } {
  if (!settings.url) throw new SpsClientError('url is required (or set SPS_URL), e.g. https://sps.example.com');
  const hasPassword = Boolean(settings.username || settings.password);
  const hasClient = Boolean(settings.client_id || settings.client_secret);
  if (hasPassword && hasClient) {
    throw new SpsClientError('set either username and password, or client_id and client_secret, not both');
  }
  let credentials: Credentials;
  if (hasClient) {
    if (!settings.client_id) throw new SpsClientError('client_id is required with client_secret (or set SPS_CLIENT_ID)');
    if (!settings.client_secret) throw new SpsClientError('client_secret is required with client_id (or set SPS_CLIENT_SECRET)');
    credentials = { kind: 'oauth', clientId: settings.client_id, clientSecret: settings.client_secret };
  } else {
    if (!settings.username) throw new SpsClientError('username is required (or set SPS_USERNAME), or use client_id and client_secret');
    if (!settings.password) throw new SpsClientError('password is required with username (or set SPS_PASSWORD)');
    credentials = { kind: 'password', username: settings.username, password: settings.password };
  }
  if (settings.insecure && settings.ca_file) throw new SpsClientError('set either ca_file or insecure = true, not both');
  return { url: settings.url, credentials, tls: { caFile: settings.ca_file, insecure: settings.insecure === true } };
}
