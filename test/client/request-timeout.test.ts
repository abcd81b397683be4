/**
 * Every request attempt has an overall deadline (headers and body): an answer that trickles in a
 * byte at a time, which undici's idle timers never end, fails it, and the retry rules treat it as
 * a broken connection.
 */
import { type HostileFront, isRequest, startHostileFront, trickle } from './hostile-front';
import { AmbiguousCreateError, ConnectionError, RequestTimeoutError, userListsSpec } from './imports';
import { useSimulator } from './simulator-harness';
import { waitFor } from '../support/wait';

const LISTS = '/api/configuration/policies/userlists';

describe('the request deadline (a front trickling answers before the simulator)', () => {
  const h = useSimulator();
  let front: HostileFront;
  afterEach(async () => front?.close());

  it('ends a trickling read at the deadline, retries it within the budget, and names the request and the deadline', async () => {
    front = await startHostileFront(h.url, (request, response) => isRequest(request, 'GET', LISTS) && (trickle(response), true));
    const client = h.newClient({ url: front.url, requestTimeoutMs: 300 });
    const error = await client.list(userListsSpec).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as Error).message).toMatch(new RegExp(`GET ${LISTS} got no complete answer within 0.3 s \\(request_timeout, or SPS_REQUEST_TIMEOUT\\) \\(gave up after 4 attempts\\)`));
    expect((error as Error).cause).toBeInstanceOf(RequestTimeoutError);
    expect(front.takenOver).toEqual(Array(4).fill(`GET ${LISTS}`));
  });

  it('never repeats a create that ran out of time: it is reported as an ambiguous outcome', async () => {
    front = await startHostileFront(h.url, (request, response) => isRequest(request, 'POST', LISTS) && (trickle(response), true));
    const client = h.newClient({ url: front.url, requestTimeoutMs: 300 });
    const error = await client.create(userListsSpec, { name: 'slow', allow: 'all_users', except: [] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AmbiguousCreateError);
    expect((error as Error).message).toContain(`POST ${LISTS} got no complete answer within 0.3 s`);
    expect(front.takenOver).toEqual([`POST ${LISTS}`]);
  });

  it('tells an abort by the caller apart from the deadline, and does not retry it', async () => {
    front = await startHostileFront(h.url, (request, response) => isRequest(request, 'GET', LISTS) && (trickle(response), true));
    const client = h.newClient({ url: front.url, requestTimeoutMs: 60_000 });
    const stop = new AbortController();
    const reason = new Error('stopped by the test');
    const listing = client.list(userListsSpec, { signal: stop.signal }).catch((e: unknown) => e);
    await waitFor('the front is trickling the list', () => front.takenOver.length === 1);
    stop.abort(reason);
    expect(await listing).toBe(reason);
    expect(front.takenOver).toHaveLength(1);
  });

  it('leaves answers that arrive in time alone', async () => {
    front = await startHostileFront(h.url, () => false);
    const client = h.newClient({ url: front.url, requestTimeoutMs: 10_000 });
    expect((await client.list(userListsSpec)).length).toBeGreaterThan(0);
  });
});
