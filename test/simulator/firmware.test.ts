/**
 * What differs between firmware versions and what real appliances do that the reference guide's
 * samples do not show: transaction answers, the commit-log requirement, X-Token for browsers,
 * fields the model does not know, and tokens of changed API clients.
 */
import { type SimulatorHandle, SPS_VERSIONS, startSimulator } from '../../src/simulator';
import { waitFor } from '../support/wait';
import { API_CLIENTS, RestSession, USER_LISTS } from './helpers';

const ACCOUNTING = '/api/configuration/management/accounting';
const BROWSER = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36';

let sim: SimulatorHandle;
afterEach(async () => {
  await sim?.close();
});

describe.each(SPS_VERSIONS)('SPS %s', (spsVersion) => {
  beforeEach(async () => {
    sim = await startSimulator({ log: false, spsVersion });
  });

  it('answers GET /api/transaction in the shape of its reference guide', async () => {
    const session = await RestSession.login(sim.url);
    const closed = (await session.call('GET', '/api/transaction')).json;
    await session.raw('POST', '/api/transaction', { body: '' });
    const open = (await session.call('GET', '/api/transaction')).json;
    if (spsVersion === '6.9') {
      expect(closed).toEqual({ transaction: { status: 'closed' } });
      expect(open).toEqual({ transaction: { status: 'open' } });
    } else {
      expect(closed).toMatchObject({ key: 'transaction', body: { status: 'closed', commit_message: 'optional' } });
      expect(open).toMatchObject({ key: 'transaction', body: { status: 'open', commit_message: 'optional' }, meta: { remaining_seconds: expect.any(Number), changes: 0 } });
    }
  });

  it('refuses a commit without a message while the accounting settings require a commit log', async () => {
    const session = await RestSession.login(sim.url);
    expect((await session.call('PUT', ACCOUNTING, { require_commitlog: true })).status).toBe(200);
    expect((await session.commit('require commit logs')).status).toBe(200);
    if (spsVersion !== '6.9') expect((await session.call('GET', '/api/transaction')).json.body.commit_message).toBe('required');
    expect((await session.call('POST', USER_LISTS, { name: 'a', allow: 'no_user', except: [] })).status).toBe(201);
    const refused = await session.call('PUT', '/api/transaction', { status: 'commit' });
    expect(refused.status).toBe(400);
    expect(refused.json.error.type).toBe('CommitMessageRequired');
    expect((await session.commit('with a message')).status).toBe(200);
  });

  it(spsVersion === '7.5' ? 'needs the X-Token header for changes from a browser-like User-Agent' : 'lets a browser change configuration without an X-Token header', async () => {
    const login = await new RestSession(sim.url).raw('GET', '/api/authentication', { basic: 'admin:admin', headers: { 'user-agent': BROWSER } });
    const session = new RestSession(sim.url);
    session.cookie = /session_id=[^;]+/.exec(String(login.headers['set-cookie']))![0];
    const change = (headers: Record<string, string>) =>
      session.raw('POST', USER_LISTS, { body: JSON.stringify({ name: `b${Object.keys(headers).length}`, allow: 'no_user', except: [] }), headers: { 'user-agent': BROWSER, ...headers } });
    const without = await change({});
    expect(without.status).toBe(spsVersion === '7.5' ? 403 : 201);
    expect((await change({ 'x-token': String(login.headers['x-token']) })).status).toBe(201);
    // A tool's User-Agent never needs it.
    expect((await session.raw('POST', USER_LISTS, { body: JSON.stringify({ name: 'tool', allow: 'no_user', except: [] }), headers: { 'user-agent': 'safeguard-ps' } })).status).toBe(201);
  });

  it('ends the session of a transaction that timed out', async () => {
    await sim.close();
    sim = await startSimulator({ log: false, spsVersion, transactionIdleSeconds: 0.2 });
    const session = await RestSession.login(sim.url);
    await session.raw('POST', '/api/transaction', { body: '' });
    await waitFor('the idle transaction is rolled back', () => sim.counters().rollbacks === 1);
    expect((await session.call('GET', USER_LISTS)).status).toBe(401);
  });
});

describe('fields the model does not know (a newer firmware)', () => {
  beforeEach(async () => {
    sim = await startSimulator({ log: false });
  });

  it('are returned by reads, kept by a PUT that sends them again, removed by one that does not', async () => {
    const session = await RestSession.login(sim.url);
    const key = (await session.call('POST', USER_LISTS, { name: 'ops', allow: 'no_user', except: ['a'] })).json.key;
    await session.commit('create');
    const path = `${USER_LISTS}/${key}`;
    sim.addExtraFields(path, { description: 'set in the web UI', audit: { level: 3 } });
    const read = (await session.call('GET', path)).json.body;
    expect(read).toEqual({ name: 'ops', allow: 'no_user', except: ['a'], description: 'set in the web UI', audit: { level: 3 } });

    await session.call('PUT', path, { ...read, except: ['a', 'b'], description: 'changed' });
    await session.commit('put them back');
    expect((await session.call('GET', path)).json.body).toEqual({ name: 'ops', allow: 'no_user', except: ['a', 'b'], description: 'changed', audit: { level: 3 } });

    await session.call('PUT', path, { name: 'ops', allow: 'no_user', except: ['a'], surprise: 'ignored' });
    await session.commit('leave them out');
    expect((await session.call('GET', path)).json.body).toEqual({ name: 'ops', allow: 'no_user', except: ['a'] });
  });

  it('are set through the control endpoint, never for fields the model knows', async () => {
    const session = await RestSession.login(sim.url);
    const key = (await session.call('POST', USER_LISTS, { name: 'ops', allow: 'no_user', except: [] })).json.key;
    await session.commit('create');
    const control = (fields: unknown) => new RestSession(sim.url).raw('POST', '/_simulator/extra-fields', { basic: 'admin:admin', body: JSON.stringify({ path: `${USER_LISTS}/${key}`, fields }) });
    expect((await control({ owner: 'team-a' })).status).toBe(200);
    expect((await session.call('GET', `${USER_LISTS}/${key}`)).json.body.owner).toBe('team-a');
    const known = await control({ allow: 'all_users' });
    expect(known.status).toBe(400);
    expect(known.json.error.message).toMatch(/"allow" is a field the model knows/);
  });
});

describe('API-client tokens', () => {
  beforeEach(async () => {
    sim = await startSimulator({ log: false, autoApproveApiClients: true });
  });

  async function clientWithToken(admin: RestSession) {
    const created = (await admin.call('POST', API_CLIENTS, { name: 'ci', scopes: ['config'], applies_to: { selection: 'all' } })).json;
    await admin.commit('client');
    const token = await new RestSession(sim.url).raw('POST', '/api/oauth/token', {
      basic: `${created.client_id}:${created.client_secret}`,
      body: 'grant_type=client_credentials&scope=config',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    const bearer = new RestSession(sim.url);
    bearer.bearer = token.json.access_token;
    expect((await bearer.call('GET', USER_LISTS)).status).toBe(200);
    return { key: created.key as string, bearer };
  }

  it('stop working once the client is deleted', async () => {
    const admin = await RestSession.login(sim.url);
    const { key, bearer } = await clientWithToken(admin);
    await admin.call('DELETE', `${API_CLIENTS}/${key}`);
    // Not before the commit: changes take effect on commit.
    expect((await bearer.call('GET', USER_LISTS)).status).toBe(200);
    await admin.commit('delete the client');
    expect((await bearer.call('GET', USER_LISTS)).status).toBe(401);
    expect((await bearer.call('POST', USER_LISTS, { name: 'x', allow: 'no_user', except: [] })).status).toBe(401);
  });

  it('stop working once the client\'s scopes or groups change, but not for a rename', async () => {
    const admin = await RestSession.login(sim.url);
    const { key, bearer } = await clientWithToken(admin);
    const body = (await admin.call('GET', `${API_CLIENTS}/${key}`)).json.body;
    await admin.call('PUT', `${API_CLIENTS}/${key}`, { ...body, name: 'ci-renamed' });
    await admin.commit('rename');
    expect((await bearer.call('GET', USER_LISTS)).status).toBe(200);
    await admin.call('PUT', `${API_CLIENTS}/${key}`, { ...body, scopes: ['config', 'logs'] });
    await admin.commit('widen the scopes');
    expect((await bearer.call('GET', USER_LISTS)).status).toBe(401);
  });
});

it('tells in the 409 how long until the lock is released', async () => {
  sim = await startSimulator({ log: false });
  sim.holdLock('admin');
  const session = await RestSession.login(sim.url);
  const refused = await session.call('POST', USER_LISTS, { name: 'x', allow: 'no_user', except: [] });
  expect(refused.status).toBe(409);
  expect(refused.json.error.details).toEqual({ holder: 'admin', remaining_seconds: expect.any(Number) });
});
