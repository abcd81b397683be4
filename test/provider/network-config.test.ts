/** The provider block's network settings: request_timeout, and a URL that must not hold /api. */
import { providerSchema, resolveProviderConfig, validateProviderConfig } from '../../src/provider/provider-config';

const block = (values: Record<string, unknown>) => Object.fromEntries(Object.keys(providerSchema.attributes).map((name) => [name, values[name] ?? null])) as Record<string, never>;
const login = { username: 'a', password: 'b' };
const resolve = (values: Record<string, unknown>, env: NodeJS.ProcessEnv = {}) => resolveProviderConfig(block({ url: 'https://sps.example.com', ...login, ...values }), env);
const problems = (values: Record<string, unknown>, env: NodeJS.ProcessEnv = {}) => resolve(values, env).diagnostics.map((d) => ({ path: d.path, summary: d.summary, detail: d.detail }));

describe('request_timeout', () => {
  it('is 60 s unless the block or SPS_REQUEST_TIMEOUT says otherwise (the block wins)', () => {
    expect(resolve({}).settings?.client.requestTimeoutMs).toBe(60_000);
    expect(resolve({ request_timeout: '2m30s' }).settings?.client.requestTimeoutMs).toBe(150_000);
    expect(resolve({}, { SPS_REQUEST_TIMEOUT: '5s' }).settings?.client.requestTimeoutMs).toBe(5_000);
    expect(resolve({ request_timeout: '10s' }, { SPS_REQUEST_TIMEOUT: '5s' }).settings?.client.requestTimeoutMs).toBe(10_000);
    expect(providerSchema.attributes.request_timeout.description).toMatch(/SPS_REQUEST_TIMEOUT/);
  });

  it('refuses what is not a usable duration, on the attribute, naming the value (at validate and at configure)', () => {
    for (const value of ['soon', '0s', '-5s', '25h']) {
      expect(problems({ request_timeout: value })).toEqual([
        { path: ['request_timeout'], summary: 'Invalid request_timeout', detail: expect.stringContaining(`request_timeout (or SPS_REQUEST_TIMEOUT): "${value}"`) },
      ]);
      expect(validateProviderConfig(block({ request_timeout: value })).map((d) => [d.path, d.summary, d.detail])).toEqual([
        [['request_timeout'], 'Invalid request_timeout', expect.stringContaining(`"${value}"`)],
      ]);
    }
    expect(problems({}, { SPS_REQUEST_TIMEOUT: 'forever' })[0].detail).toContain('"forever" is not a duration');
  });
});

describe('the appliance URL', () => {
  it('must be the base URL: a path holding /api is refused, saying which URL to use', () => {
    const cases = [
      ['https://sps.example.com/api', 'https://sps.example.com'],
      ['https://sps.example.com/api/', 'https://sps.example.com'],
      ['https://admin:pw@sps.example.com:8443/API/configuration', 'https://sps.example.com:8443'],
      ['https://gateway.example.com/sps/api', 'https://gateway.example.com/sps'],
    ];
    for (const [url, base] of cases) {
      const found = problems({ url });
      expect(found).toEqual([{ path: ['url'], summary: 'Invalid appliance URL', detail: expect.stringContaining(`url must be the appliance's base URL without /api: use ${base}.`) }]);
      expect(found[0].detail).not.toContain('pw@');
      expect(validateProviderConfig(block({ url })).map((d) => [d.path, d.detail])).toEqual([[['url'], found[0].detail]]);
    }
    for (const url of ['https://sps.example.com', 'https://sps.example.com/', 'https://gateway.example.com/sps', 'https://apis.example.com/apiv2']) {
      expect(problems({ url })).toEqual([]);
    }
  });

  it('documents the proxy variables', () => {
    expect(providerSchema.attributes.url.description).toMatch(/HTTPS_PROXY.*NO_PROXY.*loopback/);
  });
});
