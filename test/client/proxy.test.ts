/**
 * HTTPS_PROXY / HTTP_PROXY / NO_PROXY, as CI runners behind an enterprise proxy set them. The
 * appliance is named `sps.proxied.test`, which no resolver knows: only the proxy, which decides
 * where a CONNECT leads, can reach it. Loopback appliances are never proxied.
 */
import { type ConnectProxy, setProxyEnvironment, startConnectProxy, startTlsEndpoint, type TlsEndpoint } from './connect-proxy';
import { ConnectionError, userListsSpec } from './imports';
import { useSimulator } from './simulator-harness';

const HOST = 'sps.proxied.test';

describe('proxies from the environment', () => {
  const h = useSimulator();
  let proxy: ConnectProxy;
  let endpoint: TlsEndpoint;
  let restoreEnvironment: () => void;

  beforeEach(async () => {
    endpoint = await startTlsEndpoint(HOST, h.url);
    const simulator = new URL(h.url);
    proxy = await startConnectProxy({
      [`${HOST}:443`]: endpoint.address,
      [`${HOST}:8080`]: { host: simulator.hostname, port: Number(simulator.port) },
    });
  });
  afterEach(async () => {
    restoreEnvironment();
    await proxy.close();
    await endpoint.close();
  });

  it('reaches the appliance through HTTPS_PROXY, verifying its certificate with ca_file at the end of the tunnel', async () => {
    restoreEnvironment = setProxyEnvironment({ HTTPS_PROXY: proxy.url });
    const client = h.newClient({ url: `https://${HOST}`, tls: { caFile: endpoint.caFile } });
    expect((await client.list(userListsSpec)).length).toBeGreaterThan(0);
    expect(proxy.connects.length).toBeGreaterThan(0);
    expect(new Set(proxy.connects)).toEqual(new Set([`${HOST}:443`]));
    expect(proxy.plainRequests).toEqual([]);
  });

  it('still verifies the appliance through the tunnel, and honours insecure there', async () => {
    restoreEnvironment = setProxyEnvironment({ https_proxy: proxy.url });
    const verified = await h.newClient({ url: `https://${HOST}` }).list(userListsSpec).catch((e: unknown) => e);
    expect(verified).toBeInstanceOf(ConnectionError);
    expect((verified as Error).message).toMatch(/could not be verified: set ca_file/);
    const insecure = h.newClient({ url: `https://${HOST}`, tls: { insecure: true } });
    expect((await insecure.list(userListsSpec)).length).toBeGreaterThan(0);
    expect(new Set(proxy.connects)).toEqual(new Set([`${HOST}:443`]));
  });

  it('sends an http:// appliance through HTTP_PROXY', async () => {
    restoreEnvironment = setProxyEnvironment({ http_proxy: proxy.url });
    expect((await h.newClient({ url: `http://${HOST}:8080` }).list(userListsSpec)).length).toBeGreaterThan(0);
    expect(new Set(proxy.connects)).toEqual(new Set([`${HOST}:8080`]));
  });

  it('goes directly to a host NO_PROXY lists', async () => {
    restoreEnvironment = setProxyEnvironment({ HTTPS_PROXY: proxy.url, NO_PROXY: `localhost,.proxied.test` });
    const error = await h.newClient({ url: `https://${HOST}`, tls: { caFile: endpoint.caFile } }).list(userListsSpec).catch((e: unknown) => e);
    // Without the proxy the name cannot be resolved: the client really did go directly.
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as ConnectionError).code).toMatch(/^(ENOTFOUND|EAI_AGAIN)$/);
    expect(proxy.connects).toEqual([]);
  });

  it('sends an https:// appliance only through HTTPS_PROXY, never through HTTP_PROXY', async () => {
    restoreEnvironment = setProxyEnvironment({ HTTP_PROXY: proxy.url });
    const error = await h.newClient({ url: `https://${HOST}`, tls: { caFile: endpoint.caFile } }).list(userListsSpec).catch((e: unknown) => e);
    expect((error as ConnectionError).code).toMatch(/^(ENOTFOUND|EAI_AGAIN)$/);
    expect(proxy.connects).toEqual([]);
  });

  it('takes a proxy without a scheme as http://, and refuses one it cannot use, naming the variable', async () => {
    restoreEnvironment = setProxyEnvironment({ HTTPS_PROXY: proxy.url.replace('http://', '') });
    expect((await h.newClient({ url: `https://${HOST}`, tls: { caFile: endpoint.caFile } }).list(userListsSpec)).length).toBeGreaterThan(0);
    expect(proxy.connects.length).toBeGreaterThan(0);
    setProxyEnvironment({ https_proxy: 'ftp://user:secret@proxy.example.com' });
    expect(() => h.newClient({ url: `https://${HOST}` })).toThrow('https_proxy "ftp://proxy.example.com" is not a proxy URL such as http://proxy.example.com:3128');
  });

  it('never sends a loopback appliance through the proxy', async () => {
    restoreEnvironment = setProxyEnvironment({ HTTPS_PROXY: proxy.url, HTTP_PROXY: proxy.url });
    for (const url of [h.url, h.url.replace('127.0.0.1', 'localhost')]) {
      expect((await h.newClient({ url }).list(userListsSpec)).length).toBeGreaterThan(0);
    }
    expect(proxy.connects).toEqual([]);
    expect(proxy.plainRequests).toEqual([]);
  });
});
