import { ConnectionError, userListsSpec } from './imports';
import { useSimulator } from './simulator-harness';

describe('appliance client TLS (against the simulator in --tls mode)', () => {
  const h = useSimulator({ tls: true, lifetime: 'suite' });

  it('verifies the certificate by default and says how to fix a failure', async () => {
    const client = h.newClient();
    const error = await client.list(userListsSpec).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as Error).message).toMatch(/could not be verified: set ca_file/);
  });

  it('trusts a CA from ca_file, in addition to the default roots', async () => {
    const client = h.newClient({ tls: { caFile: h.caFile } });
    expect((await client.list(userListsSpec)).length).toBeGreaterThan(0);
  });

  it('connects without verification only when insecure is chosen, and warns', async () => {
    const client = h.newClient({ tls: { insecure: true } });
    expect((await client.list(userListsSpec)).length).toBeGreaterThan(0);
    expect(client.log.lines.some((l) => l.level === 'warn' && /verification is disabled/.test(l.message))).toBe(true);
  });
});
