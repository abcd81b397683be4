import { AmbiguousCreateError, ApplianceError, CommitCoordinator, userListsSpec } from './imports';
import { useSimulator } from './simulator-harness';

const LISTS = '/api/configuration/policies/userlists';

describe('appliance client retries (against the simulator)', () => {
  const h = useSimulator();

  it('repeats an idempotent request through a burst of 5xx answers', async () => {
    const client = h.newClient();
    await client.list(userListsSpec);
    await h.faults.serverErrors({ count: 2, status: 503, path: LISTS });
    expect((await client.list(userListsSpec)).length).toBeGreaterThan(0);
    expect(client.log.lines.filter((l) => /retrying/.test(l.message))).toHaveLength(2);
  });

  it('gives up after the configured attempts with an error quoting method, path and status', async () => {
    const client = h.newClient();
    await client.list(userListsSpec);
    await h.faults.serverErrors({ count: 10, status: 500, path: LISTS });
    const error = await client.list(userListsSpec).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApplianceError);
    expect((error as ApplianceError).status).toBe(500);
    expect((error as Error).message).toContain(`GET ${LISTS}`);
  });

  it('honours Retry-After on 429: waits as long as the appliance asks (up to maxRetryAfterMs), then repeats once', async () => {
    const client = h.newClient();
    await client.list(userListsSpec);
    const before = (await h.counters()).byRoute[`GET ${LISTS}`];
    await h.faults.tooManyRequests({ count: 1, retryAfterSeconds: 1, path: LISTS });
    expect((await client.list(userListsSpec)).length).toBeGreaterThan(0);
    // The client's own backoff here is 5–20 ms, so a 1000 ms wait can only come from the header.
    expect(client.log.lines.filter((l) => /retrying/.test(l.message)).map((l) => [l.fields?.status, l.fields?.delayMs])).toEqual([[429, 1000]]);
    expect((await h.counters()).byRoute[`GET ${LISTS}`] - before).toBe(2);
  });

  it('caps a Retry-After beyond maxRetryAfterMs', async () => {
    const client = h.newClient({ retry: { maxAttempts: 4, initialDelayMs: 5, maxDelayMs: 20, maxRetryAfterMs: 50 } });
    await client.list(userListsSpec);
    await h.faults.tooManyRequests({ count: 1, retryAfterSeconds: 3600, path: LISTS });
    await client.list(userListsSpec);
    expect(client.log.lines.filter((l) => /retrying/.test(l.message)).map((l) => [l.fields?.status, l.fields?.delayMs])).toEqual([[429, 50]]);
  });

  it('repeats an idempotent request after a dropped connection', async () => {
    const client = h.newClient();
    await client.list(userListsSpec);
    await h.faults.dropConnections({ count: 1, path: LISTS });
    expect((await client.list(userListsSpec)).length).toBeGreaterThan(0);
  });

  it('never repeats a create blindly: outside a transaction the caller is told it is ambiguous', async () => {
    const client = h.newClient();
    await client.list(userListsSpec);
    await h.faults.dropConnections({ count: 1, path: LISTS, method: 'POST' });
    const before = await h.counters();
    const error = await client.create(userListsSpec, { name: 'dropped', allow: 'all_users', except: [] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AmbiguousCreateError);
    expect((await h.counters()).requests - before.requests).toBe(1);
    await client.rollbackTransaction();
  });

  it('inside a transaction, a create whose answer was lost is resolved from the change list: exactly one object', async () => {
    const client = h.newClient();
    const coordinator = new CommitCoordinator(client);
    await client.list(userListsSpec);
    await h.faults.dropConnections({ count: 1, path: LISTS, method: 'POST' });
    const created = await coordinator.submit((tx) => tx.create(userListsSpec, { name: 'once', allow: 'no_user', except: ['root'] }));
    const reader = h.newClient();
    const all = await Promise.all((await reader.list(userListsSpec)).map((key) => reader.get(userListsSpec, key)));
    expect(all.filter((o) => o?.body.name === 'once').map((o) => o?.key)).toEqual([created.key]);
  });
});
