import { ApplianceError, LoginFailedError, userListsSpec } from './imports';
import { useSimulator } from './simulator-harness';

describe('appliance client sessions (against the simulator)', () => {
  const h = useSimulator();

  it('logs in lazily, once, for many concurrent first calls', async () => {
    const client = h.newClient();
    expect(client.loginCount).toBe(0);
    const before = await h.counters();
    await Promise.all(Array.from({ length: 20 }, () => client.list(userListsSpec)));
    expect(client.loginCount).toBe(1);
    expect((await h.counters()).logins - before.logins).toBe(1);
  });

  it('logs in again once when the session has expired, then repeats the request', async () => {
    const client = h.newClient();
    await client.list(userListsSpec);
    await h.expireSessions();
    const keys = await Promise.all(Array.from({ length: 5 }, () => client.list(userListsSpec)));
    expect(keys[0].length).toBeGreaterThan(0);
    expect(client.loginCount).toBe(2);
  });

  it('reports wrong credentials clearly, without the password', async () => {
    const client = h.newClient({ credentials: { kind: 'password', username: 'admin', password: 'wrong-secret-pw' } });
    const error = await client.list(userListsSpec).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApplianceError);
    expect((error as ApplianceError).status).toBe(401);
    expect((error as Error).message).toMatch(/logging in to SPS failed.*GET \/api\/authentication.*401/);
    expect((error as Error).message).not.toContain('wrong-secret-pw');
    expect(client.log.text()).not.toContain('wrong-secret-pw');
  });

  it('tries a refused login once: every later call fails with the same error without logging in again', async () => {
    const client = h.newClient({ credentials: { kind: 'password', username: 'admin', password: 'wrong-secret-pw' } });
    const before = await h.counters();
    const first = await Promise.all(Array.from({ length: 5 }, () => client.list(userListsSpec).catch((e: unknown) => e)));
    const later = await client.get(userListsSpec, '-1').catch((e: unknown) => e);
    expect(first[0]).toBeInstanceOf(LoginFailedError);
    expect(new Set([...first, later]).size).toBe(1);
    expect((first[0] as LoginFailedError).account).toBe('user "admin"');
    expect((await h.counters()).byRoute['GET /api/authentication'] - (before.byRoute['GET /api/authentication'] ?? 0)).toBe(1);
  });

  it('logs out on close', async () => {
    const client = h.newClient();
    await client.list(userListsSpec);
    await client.close();
    expect(await h.expireSessions('admin')).toBe(0); // no session of ours is left
  });

  it('refreshing N objects costs N + 1 requests (one login, one GET each)', async () => {
    const client = h.newClient();
    const keys = ['-1', '-2', '-3', '-4'];
    const before = await h.counters();
    const objects = await Promise.all(keys.map((key) => client.get(userListsSpec, key)));
    expect(objects.map((o) => o?.body.name)).toEqual(['all_users', 'no_users', 'no_root', 'root_only']);
    expect(client.requestCount).toBe(keys.length + 1);
    expect((await h.counters()).requests - before.requests).toBeLessThanOrEqual(keys.length + 2);
  });

  it('returns null for a missing object and parses references back to bare keys', async () => {
    const client = h.newClient();
    expect(await client.get(userListsSpec, '0123456789abcdef')).toBeNull();
    const objects = await Promise.all((await client.list(userListsSpec)).map((key) => client.get(userListsSpec, key)));
    expect(objects.find((o) => o?.body.name === 'no_root')?.key).toBe('-3');
  });
});
