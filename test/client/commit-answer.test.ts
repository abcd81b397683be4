/**
 * A commit is a success only when the appliance's own JSON says the transaction is closed. A 2xx
 * JSON answer that says anything else (a proxy's or a gateway's JSON, a transaction still open)
 * is an unknown outcome, settled by the transaction's status and by reading back.
 */
import { ConnectionError, Transaction, TransactionScope, userListsSpec } from './imports';
import { useSimulator } from './simulator-harness';

const lockWait = { lockTimeoutMs: 5_000, lockRetryInitialDelayMs: 20, lockRetryMaxDelayMs: 100 };
const COMMIT = { path: '/api/transaction', method: 'PUT' };

/** 200 JSON answers that are not a closed transaction: a gateway's own JSON, and an SPS-shaped transaction still open. */
const notClosed = [
  ['a gateway\'s JSON', '{"status":"ok","message":"accepted"}'],
  ['an open transaction', '{"key":"transaction","body":{"status":"open"},"meta":{"href":"/api/transaction"}}'],
] as const;

describe('commit answers that are 200 JSON but not a closed transaction', () => {
  const h = useSimulator();

  it.each(notClosed)('ApplianceClient.commit calls %s an unknown outcome, never committed', async (_, body) => {
    const client = h.newClient();
    await client.openTransaction({});
    await h.faults.impostorAnswers({ ...COMMIT, count: 1, status: 200, contentType: 'application/json', body, handled: false });
    const answer = await client.commit(undefined, {});
    expect(answer).toMatchObject({ outcome: 'unknown', reason: expect.stringMatching(/\(200, application\/json, \d+ bytes\) is not the appliance's answer to a commit/) });
    expect((await h.counters()).commits).toBe(0);
    await client.rollbackTransaction({});
  });

  it.each(notClosed)('a commit never reaching the appliance, answered by %s, fails: nothing committed', async (_, body) => {
    const client = h.newClient();
    const transaction = await Transaction.open(client, lockWait);
    const { key } = await new TransactionScope(client, transaction).create(userListsSpec, { name: 'never', allow: 'all_users', except: [] });
    await h.faults.impostorAnswers({ ...COMMIT, count: 100, status: 200, contentType: 'application/json', body, handled: false });
    const error = await transaction.commit().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as Error).message).toMatch(/is not the appliance's answer to a commit.*nothing was committed/);
    await transaction.rollback();
    expect((await h.counters()).commits).toBe(0);
    expect(await h.newClient().get(userListsSpec, key)).toBeNull();
  });

  it.each(notClosed)('a commit that went through, answered by %s, is settled by reading back: one commit', async (_, body) => {
    const client = h.newClient();
    const transaction = await Transaction.open(client, { ...lockWait, logger: client.log });
    const { key } = await new TransactionScope(client, transaction).create(userListsSpec, { name: 'through', allow: 'all_users', except: [] });
    await h.faults.impostorAnswers({ ...COMMIT, count: 1, status: 200, contentType: 'application/json', body, handled: true });
    await transaction.commit();
    expect((await h.counters()).commits).toBe(1);
    expect(client.log.lines.map((l) => l.message)).toContain('the answer to a commit was lost, but the transaction is closed and its changes are committed');
    expect((await h.newClient().get(userListsSpec, key))?.body.name).toBe('through');
  });
});
