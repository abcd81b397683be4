/**
 * A misconfigured URL is refused with the fix, and every HTTP error the client raises names the
 * request (method and path), so the user can see what was asked of which endpoint.
 */
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { type HostileFront, isRequest, startHostileFront } from './hostile-front';
import { ApplianceError, ConnectionError, SpsClientError, UnexpectedResponseError, userListsSpec } from './imports';
import { useSimulator } from './simulator-harness';

const LISTS = '/api/configuration/policies/userlists';

describe('naming the request', () => {
  const h = useSimulator();
  let front: HostileFront | undefined;
  afterEach(async () => front?.close());

  it('refuses a URL that holds /api before sending anything, saying which URL to use', async () => {
    for (const suffix of ['/api', '/api/']) {
      const creating = () => h.newClient({ url: `${h.url}${suffix}` });
      expect(creating).toThrow(SpsClientError);
      expect(creating).toThrow(`url must be the appliance's base URL without /api: use ${h.url} (got ${h.url}${suffix})`);
    }
    expect((await h.counters()).requests).toBe(0);
  });

  it('names method and path in a failed login, a refusal, an answer it cannot read and a connection failure', async () => {
    const wrongPassword = await h.newClient({ credentials: { kind: 'password', username: 'admin', password: 'wrong' } }).list(userListsSpec).catch((e: unknown) => e);
    expect(wrongPassword).toBeInstanceOf(ApplianceError);
    expect((wrongPassword as Error).message).toContain('GET /api/authentication answered 401');

    await h.faults.serverErrors({ count: 1, status: 400, path: LISTS });
    const refused = await h.newClient().list(userListsSpec).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ApplianceError);
    expect((refused as Error).message).toContain(`SPS answered GET ${LISTS} with 400`);

    front = await startHostileFront(h.url, (request, response) => {
      if (!isRequest(request, 'GET', LISTS)) return false;
      response.writeHead(200, { 'content-type': 'text/html' }).end('<html>portal</html>');
      return true;
    });
    const unreadable = await h.newClient({ url: front.url }).list(userListsSpec).catch((e: unknown) => e);
    expect(unreadable).toBeInstanceOf(UnexpectedResponseError);
    expect((unreadable as Error).message).toContain(`SPS answered GET ${LISTS} with 200, but its body is not an SPS list`);

    const closedPort = await freePort();
    const unreachable = await h.newClient({ url: `http://127.0.0.1:${closedPort}` }).list(userListsSpec).catch((e: unknown) => e);
    expect(unreachable).toBeInstanceOf(ConnectionError);
    expect((unreachable as Error).message).toContain(`cannot reach SPS at http://127.0.0.1:${closedPort} for GET /api/authentication: ECONNREFUSED`);
  });
});

/** A port nothing listens on (taken from the OS, then released). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
