import { readFileSync } from 'node:fs';
import { join } from 'node:path';
/** The provider block and its environment fallbacks: diagnostics on the attribute at fault. */
import { resolveProviderConfig, validateProviderConfig } from '../../src/provider/provider-config';

const block = (values: Record<string, unknown>) =>
  Object.fromEntries(
    ['url', 'username', 'password', 'client_id', 'client_secret', 'ca_file', 'insecure', 'allow_insecure_http', 'commit_message', 'lock_timeout'].map((name) => [name, values[name] ?? null]),
  ) as Record<string, never>;
const noEnv = {};
const problems = (values: Record<string, unknown>, env: NodeJS.ProcessEnv = noEnv) =>
  resolveProviderConfig(block(values), env).diagnostics.map((d) => ({ severity: d.severity, path: d.path, summary: d.summary }));

describe('the provider configuration', () => {
  it('chooses password or OAuth login, from the block or the environment', () => {
    expect(resolveProviderConfig(block({ url: 'https://sps', username: 'a', password: 'b' }), noEnv).settings?.client.credentials).toEqual({ kind: 'password', username: 'a', password: 'b' });
    const fromEnv = resolveProviderConfig(block({}), { SPS_URL: 'https://sps', SPS_CLIENT_ID: 'c', SPS_CLIENT_SECRET: 's', SPS_LOCK_TIMEOUT: '30s', SPS_COMMIT_MESSAGE: 'pr/1' });
    expect(fromEnv.settings).toEqual({ client: { url: 'https://sps', credentials: { kind: 'oauth', clientId: 'c', clientSecret: 's' }, tls: { caFile: undefined, insecure: false }, requestTimeoutMs: 60_000 }, commitMessage: 'pr/1', lockTimeoutMs: 30_000 });
    expect(fromEnv.diagnostics).toEqual([]);
  });

  it('takes commit_message from the block over SPS_COMMIT_MESSAGE, and the docs\' provider example leaves it to the environment', () => {
    const env = { SPS_COMMIT_MESSAGE: 'https://git.example.com/pr/7' };
    const base = { url: 'https://sps', username: 'a', password: 'b' };
    expect(resolveProviderConfig(block(base), env).settings?.commitMessage).toBe('https://git.example.com/pr/7');
    expect(resolveProviderConfig(block({ ...base, commit_message: 'fixed' }), env).settings?.commitMessage).toBe('fixed');
    const example = readFileSync(join(__dirname, '..', '..', 'examples', 'provider', 'provider.tf'), 'utf8');
    expect(example).not.toMatch(/^\s*commit_message\s*=/m);
  });

  it('names the attribute, and its environment variable, of what is missing or contradictory', () => {
    expect(problems({ username: 'a', password: 'b' })).toEqual([{ severity: 'error', path: ['url'], summary: 'Missing appliance URL' }]);
    expect(problems({ url: 'https://sps', username: 'a' })).toEqual([{ severity: 'error', path: ['password'], summary: 'Missing password' }]);
    expect(problems({ url: 'https://sps', username: 'a', password: 'b', client_id: 'c' })).toEqual([{ severity: 'error', path: ['client_id'], summary: 'Conflicting credentials' }]);
    expect(problems({ url: 'https://sps', username: 'a', password: 'b', lock_timeout: 'soon' })).toEqual([{ severity: 'error', path: ['lock_timeout'], summary: 'Invalid lock_timeout' }]);
    const detail = resolveProviderConfig(block({}), noEnv).diagnostics.map((d) => d.detail).join(' ');
    expect(detail).toMatch(/url \(or SPS_URL\)/);
    expect(detail).toMatch(/username \(or SPS_USERNAME\)/);
  });

  it('refuses to send credentials over plain HTTP to anything but loopback, unless allowed, and then warns', () => {
    for (const url of ['http://127.0.0.1:8443', 'http://localhost:1', 'http://[::1]:8080']) {
      expect(problems({ url, username: 'a', password: 'b' })).toEqual([]);
    }
    expect(problems({ url: 'http://sps.example.com', username: 'a', password: 'b' })).toEqual([{ severity: 'error', path: ['url'], summary: 'Refusing to send credentials over plain HTTP' }]);
    expect(validateProviderConfig(block({ url: 'http://10.1.2.3' })).map((d) => d.path)).toEqual([['url']]);
    expect(problems({ url: 'http://sps.example.com', username: 'a', password: 'b', allow_insecure_http: true })).toEqual([
      { severity: 'warning', path: ['allow_insecure_http'], summary: 'Credentials are sent over plain HTTP' },
    ]);
    expect(problems({ url: 'http://sps.example.com', username: 'a', password: 'b' }, { SPS_ALLOW_INSECURE_HTTP: 'true' })[0].severity).toBe('warning');
  });

  it('warns whenever TLS verification is off', () => {
    expect(problems({ url: 'https://sps', username: 'a', password: 'b', insecure: true })).toEqual([{ severity: 'warning', path: ['insecure'], summary: 'TLS certificate verification is off' }]);
    expect(problems({ url: 'https://sps', username: 'a', password: 'b', insecure: true, ca_file: '/ca.pem' })).toEqual([{ severity: 'error', path: ['insecure'], summary: 'Conflicting TLS settings' }]);
  });
});
