import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'undici';
import { type SimulatorHandle, startSimulator } from '../../src/simulator';
import { waitFor } from '../support/wait';
import { API_CLIENTS, CONNECTIONS, LOCAL_GROUPS, RestSession, USER_LISTS, validPolicy } from './helpers';

let sim: SimulatorHandle;
beforeEach(async () => {
  sim = await startSimulator({ log: false });
});
afterEach(async () => {
  await sim.close();
});

describe('authentication', () => {
  it('logs in with Basic credentials into a session_id cookie, and logs out', async () => {
    const session = await RestSession.login(sim.url);
    expect(session.cookie).toMatch(/^session_id=/);
    expect((await session.call('GET', USER_LISTS)).status).toBe(200);
    expect((await session.call('DELETE', '/api/authentication')).status).toBe(200);
    expect((await session.call('GET', USER_LISTS)).status).toBe(401);
  });

  it('refuses wrong credentials and requests without a session (401 Unauthenticated)', async () => {
    const anonymous = new RestSession(sim.url);
    expect((await anonymous.raw('GET', '/api/authentication', { basic: 'admin:wrong' })).status).toBe(401);
    const response = await anonymous.call('GET', USER_LISTS);
    expect(response.status).toBe(401);
    expect(response.json.error.type).toBe('Unauthenticated');
  });

  it('keeps at most 5 sessions per user: the sixth login ends the oldest', async () => {
    const sessions = [];
    for (let i = 0; i < 6; i++) sessions.push(await RestSession.login(sim.url));
    expect((await sessions[0].call('GET', USER_LISTS)).status).toBe(401);
    for (const session of sessions.slice(1)) expect((await session.call('GET', USER_LISTS)).status).toBe(200);
    expect(sim.counters().logins).toBe(6);
  });

  it('ends idle sessions after the idle timeout', async () => {
    await sim.close();
    sim = await startSimulator({ log: false, sessionIdleSeconds: 0.2 });
    // The session's idle time is read from the clock at each request: the clock stands still unless
    // the test moves it, however slowly the machine runs (timers and I/O stay real).
    jest.useFakeTimers({ now: Date.now(), doNotFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'setImmediate', 'clearImmediate', 'nextTick', 'queueMicrotask', 'hrtime', 'performance'] });
    try {
      const session = await RestSession.login(sim.url);
      jest.setSystemTime(Date.now() + 150);
      expect((await session.call('GET', USER_LISTS)).status).toBe(200);
      jest.setSystemTime(Date.now() + 250);
      expect((await session.call('GET', USER_LISTS)).status).toBe(401);
    } finally {
      jest.useRealTimers();
    }
  });
});

describe('objects', () => {
  it('lists, creates (201 with key), reads with embedded references, replaces and deletes', async () => {
    const session = await RestSession.login(sim.url);
    const list = await session.call('GET', USER_LISTS);
    expect(list.json.items.map((i: any) => i.key)).toEqual(['-1', '-2', '-3', '-4']);
    expect(list.json.meta.transaction).toBe('/api/transaction');
    const created = await session.call('POST', CONNECTIONS, validPolicy());
    expect(created.status).toBe(201);
    expect(created.json.key).toMatch(/^[0-9a-f]{23}$/);
    const read = await session.call('GET', `${CONNECTIONS}/${created.json.key}`);
    expect(read.json.body.policies.channel_policy).toEqual({ key: '-304001002', meta: { href: '/api/configuration/http/channel_policies/-304001002' } });
    // Full replace: a field left out is removed (here: back to its default).
    await session.call('PUT', `${CONNECTIONS}/${created.json.key}`, validPolicy({ active: false }));
    expect((await session.call('GET', `${CONNECTIONS}/${created.json.key}`)).json.body.active).toBe(false);
    await session.call('PUT', `${CONNECTIONS}/${created.json.key}`, validPolicy());
    expect((await session.call('GET', `${CONNECTIONS}/${created.json.key}`)).json.body.active).toBe(true);
    expect((await session.call('DELETE', `${CONNECTIONS}/${created.json.key}`)).status).toBe(200);
    expect((await session.call('GET', `${CONNECTIONS}/${created.json.key}`)).status).toBe(404);
  });

  it('ignores unknown request fields silently', async () => {
    const session = await RestSession.login(sim.url);
    const created = await session.call('POST', USER_LISTS, { name: 'x', allow: 'no_user', except: ['a'], colour: 'blue' });
    expect(created.status).toBe(201);
    expect((await session.call('GET', `${USER_LISTS}/${created.json.key}`)).json.body).toEqual({ name: 'x', allow: 'no_user', except: ['a'] });
  });

  it.each([
    ['malformed JSON', '{"name": ', undefined],
    ['a wrong type', JSON.stringify(validPolicy({ active: 'yes' })), 'active'],
    ['an out-of-range port', JSON.stringify(validPolicy({ network: { clients: ['10.0.0.0/8'], targets: ['10.1.1.1'], ports: [65536] } })), 'network.ports[0]'],
    ['a bad CIDR', JSON.stringify(validPolicy({ network: { clients: ['10.0.0.0/40'], targets: ['10.1.1.1'], ports: [80] } })), 'network.clients[0]'],
    ['a bad enum value', JSON.stringify(validPolicy({ transport_security: { selection: 'tls13' } })), 'transport_security.selection'],
    ['a missing selection-dependent field', JSON.stringify(validPolicy({ server_address: { selection: 'fix', port: 80 } })), 'server_address.address'],
  ])('answers %s with 400 naming the field path', async (_what, body, path) => {
    const session = await RestSession.login(sim.url);
    const response = await session.raw('POST', CONNECTIONS, { body });
    expect(response.status).toBe(400);
    expect(response.json.error.type).toBe('InvalidQuery');
    if (path) expect(response.json.error.details.errors.map((e: any) => e.path)).toContain(path);
  });

  it('refuses oversized bodies (413)', async () => {
    const session = await RestSession.login(sim.url);
    const response = await session.raw('POST', USER_LISTS, { body: JSON.stringify({ name: 'x', allow: 'no_user', except: ['a'.repeat(2 * 1024 * 1024)] }) });
    expect(response.status).toBe(413);
  });

  it('keeps built-in (negative key) objects read-only', async () => {
    const session = await RestSession.login(sim.url);
    expect((await session.call('DELETE', `${USER_LISTS}/-4`)).status).toBe(403);
    expect((await session.call('PUT', `${USER_LISTS}/-4`, { name: 'x', allow: 'all_users' })).status).toBe(403);
    expect((await session.call('GET', `${USER_LISTS}/-4`)).json.body).toEqual({ name: 'root_only', allow: 'no_user', except: ['root'] });
  });

  it('enforces referential integrity: references must exist, referenced objects cannot be deleted', async () => {
    const session = await RestSession.login(sim.url);
    const missing = await session.call('POST', CONNECTIONS, validPolicy({ policies: { ...validPolicy().policies, ldap_server: 'abcdefabcdefabcdef' } }));
    expect(missing.status).toBe(400);
    expect(missing.json.error.details.errors[0].path).toBe('policies.ldap_server');
    const group = await session.call('POST', LOCAL_GROUPS, { name: 'siem-admins' });
    const client = await session.call('POST', API_CLIENTS, { name: 'siem', scopes: ['logs'], applies_to: { selection: 'groups', groups: [group.json.key] } });
    expect(client.status).toBe(201);
    await session.commit();
    const refused = await session.call('DELETE', `${LOCAL_GROUPS}/${group.json.key}`);
    expect(refused.status).toBe(409);
    expect(refused.json.error.message).toContain(API_CLIENTS);
  });

  it('shows an API client secret once, at creation', async () => {
    const session = await RestSession.login(sim.url);
    const created = await session.call('POST', API_CLIENTS, { name: 'siem', scopes: ['logs'], applies_to: { selection: 'all' } });
    expect(created.json.client_secret).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    await session.commit();
    const read = await session.call('GET', `${API_CLIENTS}/${created.json.key}`);
    expect(read.json.body).toMatchObject({ client_id: created.json.client_id, status: 'pending' });
    expect(JSON.stringify(read.json)).not.toContain(created.json.client_secret);
    const changes = JSON.stringify(sim.commits());
    expect(changes).not.toContain(created.json.client_secret);
  });
});

describe('transactions', () => {
  it('needs a body or Content-Length: 0 to open one explicitly (411)', async () => {
    const session = await RestSession.login(sim.url);
    const { request: raw } = await import('undici');
    const response = await raw(`${sim.url}/api/transaction`, { method: 'POST', headers: { cookie: session.cookie } });
    await response.body.text();
    // HTTP clients add Content-Length or chunking to a POST, so send the bare request by hand:
    const net = await import('node:net');
    const { port } = new URL(sim.url);
    const status = await new Promise<number>((resolve) => {
      const socket = net.connect(Number(port), '127.0.0.1', () =>
        socket.write(`POST /api/transaction HTTP/1.1\r\nHost: localhost\r\nCookie: ${session.cookie}\r\nConnection: close\r\n\r\n`),
      );
      let text = '';
      socket.on('data', (chunk) => (text += chunk));
      socket.on('end', () => resolve(Number(text.split(' ')[1])));
    });
    expect([response.statusCode, status]).toEqual([200, 411]);
  });

  it('commits atomically and shows uncommitted changes only to their own session', async () => {
    const mine = await RestSession.login(sim.url);
    const other = await RestSession.login(sim.url);
    const created = await mine.call('POST', USER_LISTS, { name: 'ops', allow: 'no_user', except: ['alice'] });
    expect((await mine.call('GET', `${USER_LISTS}/${created.json.key}`)).status).toBe(200);
    expect((await other.call('GET', `${USER_LISTS}/${created.json.key}`)).status).toBe(404);
    const status = await mine.call('GET', '/api/transaction');
    expect(status.json.body.status).toBe('open');
    expect(status.json.meta.changes).toBe(1);
    expect(status.json.meta.remaining_seconds).toBeGreaterThan(0);
    const changes = await mine.call('GET', '/api/transaction/changes');
    expect(changes.json.changes).toEqual([expect.objectContaining({ type: 'create', path: `${USER_LISTS}/${created.json.key}` })]);
    expect((await mine.commit('PR #12')).status).toBe(200);
    expect((await other.call('GET', `${USER_LISTS}/${created.json.key}`)).status).toBe(200);
    expect(sim.commits().at(-1)).toMatchObject({ message: 'PR #12', changes: 1 });
    expect(sim.counters().commits).toBe(1);
  });

  it('rolls back', async () => {
    const session = await RestSession.login(sim.url);
    const created = await session.call('POST', USER_LISTS, { name: 'ops', allow: 'no_user' });
    expect((await session.call('DELETE', '/api/transaction')).status).toBe(200);
    expect((await session.call('GET', `${USER_LISTS}/${created.json.key}`)).status).toBe(404);
    expect(sim.counters().rollbacks).toBe(1);
  });

  it('holds one configuration lock across sessions (409 naming the holder), released by commit', async () => {
    const alice = await RestSession.login(sim.url);
    const bob = await RestSession.login(sim.url);
    await alice.call('POST', USER_LISTS, { name: 'a', allow: 'no_user' });
    const blocked = await bob.call('POST', USER_LISTS, { name: 'b', allow: 'no_user' });
    expect(blocked.status).toBe(409);
    expect(blocked.json.error).toMatchObject({ type: 'LockedByOtherSession', details: { holder: 'admin' } });
    expect((await bob.call('POST', '/api/transaction')).status).toBe(409);
    await alice.commit();
    expect((await bob.call('POST', USER_LISTS, { name: 'b', allow: 'no_user' })).status).toBe(201);
  });

  it('lets tests hold the lock as another admin', async () => {
    sim.holdLock('web-ui-admin');
    const session = await RestSession.login(sim.url);
    const blocked = await session.call('POST', USER_LISTS, { name: 'b', allow: 'no_user' });
    expect(blocked.json.error.details.holder).toBe('web-ui-admin');
    sim.releaseLock();
    expect((await session.call('POST', USER_LISTS, { name: 'b', allow: 'no_user' })).status).toBe(201);
  });

  it('cancels an idle transaction and ends its session', async () => {
    await sim.close();
    sim = await startSimulator({ log: false, transactionIdleSeconds: 0.2 });
    const idle = await RestSession.login(sim.url);
    await idle.call('POST', USER_LISTS, { name: 'a', allow: 'no_user' });
    await waitFor('the idle transaction is rolled back', () => sim.counters().rollbacks === 1);
    expect((await idle.call('GET', USER_LISTS)).status).toBe(401);
    const other = await RestSession.login(sim.url);
    expect((await other.call('POST', USER_LISTS, { name: 'b', allow: 'no_user' })).status).toBe(201);
    expect((await other.call('GET', USER_LISTS)).json.items).toHaveLength(5);
  });
});

describe('OAuth client credentials', () => {
  it('issues tokens limited to the granted scopes (403 outside them)', async () => {
    const admin = await RestSession.login(sim.url);
    const logs = await admin.call('POST', API_CLIENTS, { name: 'siem', scopes: ['logs'], applies_to: { selection: 'all' } });
    const config = await admin.call('POST', API_CLIENTS, { name: 'ci', scopes: ['config'], applies_to: { selection: 'all' } });
    await admin.commit();
    const token = async (id: string, secret: string, scope: string) =>
      new RestSession(sim.url).raw('POST', '/api/oauth/token', {
        basic: `${id}:${secret}`,
        body: `grant_type=client_credentials&scope=${scope}`,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
    expect((await token(logs.json.client_id, logs.json.client_secret, 'logs')).status).toBe(403); // still pending
    sim.approveApiClient(logs.json.key);
    sim.approveApiClient(config.json.key);
    expect((await token(logs.json.client_id, 'wrong', 'logs')).status).toBe(401);
    expect((await token(logs.json.client_id, logs.json.client_secret, 'config')).status).toBe(403);
    const siem = new RestSession(sim.url);
    siem.bearer = (await token(logs.json.client_id, logs.json.client_secret, 'logs')).json.access_token;
    expect((await siem.call('GET', USER_LISTS)).status).toBe(403);
    const ci = new RestSession(sim.url);
    ci.bearer = (await token(config.json.client_id, config.json.client_secret, 'config')).json.access_token;
    expect((await ci.call('GET', USER_LISTS)).status).toBe(200);
  });
});

describe('test controls', () => {
  it('injects 5xx, 429 with Retry-After, dropped connections and delays, and counts requests', async () => {
    const session = await RestSession.login(sim.url);
    sim.resetCounters();
    sim.injectFault({ kind: 'status', status: 502, count: 1, path: USER_LISTS });
    expect((await session.call('GET', USER_LISTS)).status).toBe(502);
    sim.injectFault({ kind: 'retry-after', retryAfterSeconds: 7 });
    const limited = await session.call('GET', USER_LISTS);
    expect([limited.status, limited.headers['retry-after']]).toEqual([429, '7']);
    sim.injectFault({ kind: 'drop', method: 'GET' });
    await expect(session.call('GET', USER_LISTS)).rejects.toThrow();
    sim.injectFault({ kind: 'delay', delayMs: 150 });
    const started = Date.now();
    expect((await session.call('GET', USER_LISTS)).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect(sim.counters().requests[`GET ${USER_LISTS}`]).toBe(4);
  });

  it('rejects the next commit on request, leaving nothing committed', async () => {
    const session = await RestSession.login(sim.url);
    const created = await session.call('POST', USER_LISTS, { name: 'a', allow: 'no_user' });
    sim.injectFault({ kind: 'reject-commit' });
    expect((await session.commit()).status).toBe(400);
    await session.call('DELETE', '/api/transaction');
    expect((await session.call('GET', `${USER_LISTS}/${created.json.key}`)).status).toBe(404);
  });

  it('answers as an impostor (a captive portal) without handling the request, or after handling it', async () => {
    const session = await RestSession.login(sim.url);
    const created = await session.call('POST', USER_LISTS, { name: 'a', allow: 'no_user' });
    sim.injectFault({ kind: 'impostor', method: 'PUT', path: '/api/transaction' });
    const portal = await session.commit();
    expect([portal.status, portal.headers['content-type'], portal.json]).toEqual([200, 'text/html; charset=utf-8', '<html>captive portal</html>']);
    expect(sim.counters().commits).toBe(0);
    expect((await session.call('GET', '/api/transaction')).json.body.status).toBe('open');
    sim.injectFault({ kind: 'impostor', method: 'PUT', path: '/api/transaction', handled: true, status: 502, contentType: 'text/plain', body: 'Bad gateway' });
    const gateway = await session.commit();
    expect([gateway.status, gateway.headers['content-type'], gateway.json]).toEqual([502, 'text/plain', 'Bad gateway']);
    expect(sim.counters().commits).toBe(1);
    expect((await session.call('GET', `${USER_LISTS}/${created.json.key}`)).status).toBe(200);
  });

  it('serves the same controls over HTTP for a simulator started as a separate process', async () => {
    const control = new RestSession(sim.url);
    expect((await control.raw('POST', '/_simulator/lock', { basic: 'admin:admin', body: '{"user":"carol"}' })).status).toBe(200);
    const session = await RestSession.login(sim.url);
    expect((await session.call('POST', USER_LISTS, { name: 'a', allow: 'no_user' })).json.error.details.holder).toBe('carol');
    await control.raw('DELETE', '/_simulator/lock', { basic: 'admin:admin' });
    expect((await control.raw('POST', '/_simulator/sessions/expire', { basic: 'admin:admin', body: '{}' })).json.expired).toBeGreaterThan(0);
    const counters = await control.raw('GET', '/_simulator/counters', { basic: 'admin:admin' });
    expect(counters.json.logins).toBe(1);
    expect((await control.raw('GET', '/_simulator/counters')).status).toBe(401);
  });
});

describe('persistence and the CLI', () => {
  it('keeps committed configuration across restarts with --state, never uncommitted changes', async () => {
    const statePath = join(mkdtempSync(join(tmpdir(), 'sps-sim-')), 'state.json');
    let first = await startSimulator({ log: false, statePath });
    const session = await RestSession.login(first.url);
    const kept = await session.call('POST', USER_LISTS, { name: 'kept', allow: 'no_user' });
    await session.commit();
    const dropped = await session.call('POST', USER_LISTS, { name: 'uncommitted', allow: 'no_user' });
    expect(readFileSync(statePath, 'utf8')).not.toContain('uncommitted');
    await first.close();
    first = await startSimulator({ log: false, statePath });
    const again = await RestSession.login(first.url);
    expect((await again.call('GET', `${USER_LISTS}/${kept.json.key}`)).status).toBe(200);
    expect((await again.call('GET', `${USER_LISTS}/${dropped.json.key}`)).status).toBe(404);
    await first.close();
  });

  it('serves HTTPS with --tls and writes its CA for clients to trust', async () => {
    await sim.close();
    const caOut = join(mkdtempSync(join(tmpdir(), 'sps-ca-')), 'ca.pem');
    sim = await startSimulator({ log: false, tls: true, caOut });
    const { Agent } = await import('undici');
    const trusted = new Agent({ connect: { ca: readFileSync(caOut, 'utf8') } });
    const response = await request(`${sim.url}/api/authentication`, {
      dispatcher: trusted,
      headers: { authorization: `Basic ${Buffer.from('admin:admin').toString('base64')}` },
    });
    await response.body.text();
    expect(response.statusCode).toBe(200);
    await expect(request(`${sim.url}/api/authentication`, { dispatcher: new Agent() })).rejects.toThrow();
  });
});
