/**
 * A CI runner behind a proxy, through the real terraform CLI: the appliance is named by a host name
 * only the proxy can reach (HTTPS, its CA in ca_file), so the plan succeeds only through the proxy;
 * a loopback appliance is reached directly even with the proxy set.
 */
import type { SimulatorHandle } from '../../src/simulator';
import { type ConnectProxy, startConnectProxy, startTlsEndpoint, type TlsEndpoint } from '../client/connect-proxy';
import { startTestSimulator } from '../support/simulator';
import { makeWorkspace, PROVIDER_BLOCK, tfOk, type Workspace } from '../support/terraform';
import { deadline } from '../support/wait';

jest.setTimeout(deadline(180_000));

const HOST = 'sps.proxied.test';
const LOOKUP = 'data "sps_user_list" "root_only" {\n  name = "root_only"\n}\n\noutput "key" {\n  value = data.sps_user_list.root_only.id\n}\n';

let simulator: SimulatorHandle;
let endpoint: TlsEndpoint;
let proxy: ConnectProxy;
const workspaces: Workspace[] = [];
beforeAll(async () => {
  simulator = await startTestSimulator();
  endpoint = await startTlsEndpoint(HOST, simulator.url);
  proxy = await startConnectProxy({ [`${HOST}:443`]: endpoint.address });
});
afterAll(async () => {
  workspaces.forEach((ws) => ws.cleanup());
  await proxy.close();
  await endpoint.close();
  await simulator.close();
});

async function plan(provider: string, env: Record<string, string>): Promise<string> {
  const ws = makeWorkspace({ files: { 'provider.tf': `${PROVIDER_BLOCK}\nprovider "sps" {\n${provider}}\n`, 'main.tf': LOOKUP }, env });
  workspaces.push(ws);
  await tfOk(ws, ['init', '-input=false']);
  return (await tfOk(ws, ['plan'])).stdout;
}

it('plans through HTTPS_PROXY, the appliance verified with ca_file at the end of the tunnel', async () => {
  const before = simulator.counters().logins;
  const output = await plan(`  url = "https://${HOST}"\n  ca_file = "${endpoint.caFile}"\n`, { HTTPS_PROXY: proxy.url, SPS_USERNAME: 'admin', SPS_PASSWORD: 'admin' });
  expect(output).toMatch(/key\s+=\s+"-\d+"/);
  expect(proxy.connects.length).toBeGreaterThan(0);
  expect(new Set(proxy.connects)).toEqual(new Set([`${HOST}:443`]));
  expect(simulator.counters().logins).toBe(before + 1);
});

it('reaches a loopback appliance directly although HTTPS_PROXY and HTTP_PROXY are set', async () => {
  const tunnels = proxy.connects.length;
  await plan(`  url = "${simulator.url}"\n`, { HTTPS_PROXY: proxy.url, HTTP_PROXY: proxy.url, SPS_USERNAME: 'admin', SPS_PASSWORD: 'admin' });
  expect(proxy.connects.length).toBe(tunnels);
  expect(proxy.plainRequests).toEqual([]);
});
