import { apiClientsSpec, CommitCoordinator, userListsSpec } from './imports';
import { useSimulator } from './simulator-harness';

const API_CLIENTS = '/api/configuration/aaa/api_clients';

describe('API clients and OAuth login (against the simulator)', () => {
  const h = useSimulator();

  it('returns the secret from the create, and logs in with it as a bearer token once approved', async () => {
    const admin = h.newClient();
    const coordinator = new CommitCoordinator(admin);
    const created = await coordinator.submit((tx) => tx.create(apiClientsSpec, { name: 'ci', scopes: ['config'], applies_to: { selection: 'all' } }));
    expect(typeof created.extras.client_id).toBe('string');
    expect(typeof created.extras.client_secret).toBe('string');
    expect((await admin.get(apiClientsSpec, created.key))?.readOnly).toMatchObject({ client_id: created.extras.client_id, status: 'pending' });
    await h.approveApiClient(created.key);

    const secret = String(created.extras.client_secret);
    const robot = h.newClient({ credentials: { kind: 'oauth', clientId: String(created.extras.client_id), clientSecret: secret } });
    await Promise.all([robot.list(userListsSpec), robot.list(userListsSpec)]);
    expect(robot.loginCount).toBe(1);
    expect(robot.log.text()).not.toContain(secret);
  });

  it('a lost create answer for an API client deletes the orphan and creates again, so the secret is known', async () => {
    const admin = h.newClient();
    const coordinator = new CommitCoordinator(admin);
    await admin.list(apiClientsSpec);
    await h.faults.dropConnections({ count: 1, path: API_CLIENTS, method: 'POST' });
    const created = await coordinator.submit((tx) => tx.create(apiClientsSpec, { name: 'lost', scopes: ['config'], applies_to: { selection: 'all' } }));
    expect(typeof created.extras.client_secret).toBe('string');
    const keys = await h.newClient().list(apiClientsSpec);
    expect(keys).toEqual([created.key]);
  });
});
