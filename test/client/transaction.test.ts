import { type CommitAnswer, LockTimeoutError, Transaction, TransactionLostError, type TransactionStats, TransactionScope, userListsSpec } from './imports';
import { collectingLogger } from './helpers';
import { useSimulator } from './simulator-harness';

const list = (name: string) => ({ name, allow: 'all_users' as const, except: [] });
const lockWait = { lockTimeoutMs: 5_000, lockRetryInitialDelayMs: 20, lockRetryMaxDelayMs: 100 };
const newStats = (): TransactionStats => ({ transactions: 0, lockWaits: 0, commits: 0, rollbacks: 0 });

describe('transaction lifecycle (against the simulator)', () => {
  const h = useSimulator();

  it('opens, takes writes through a scope, commits, and counts each step', async () => {
    const client = h.newClient();
    const stats = newStats();
    const transaction = await Transaction.open(client, { ...lockWait, commitMessage: 'direct', stats });
    const { key } = await new TransactionScope(client, transaction).create(userListsSpec, list('direct'));
    await transaction.commit();
    expect(stats).toEqual({ transactions: 1, lockWaits: 0, commits: 1, rollbacks: 0 });
    expect((await h.newClient().get(userListsSpec, key))?.body.name).toBe('direct');
    expect(await h.lastCommitMessage()).toBe('direct');
    expect(await transaction.verify()).toBe(true);
  });

  it('gives up waiting for the lock after the timeout, naming the holder', async () => {
    const stats = newStats();
    await h.holdLock('alice');
    const error = await Transaction.open(h.newClient(), { ...lockWait, lockTimeoutMs: 200, stats }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LockTimeoutError);
    expect((error as LockTimeoutError).holder).toBe('alice');
    expect(stats.lockWaits).toBeGreaterThan(0);
    expect(stats.transactions).toBe(0);
  });

  it('a rollback releases the lock and commits nothing; rolling back again sends nothing', async () => {
    const client = h.newClient();
    const stats = newStats();
    const transaction = await Transaction.open(client, { ...lockWait, stats });
    await new TransactionScope(client, transaction).create(userListsSpec, list('rolled-back'));
    await transaction.rollback();
    const requests = client.requestCount;
    await transaction.rollback();
    expect(client.requestCount).toBe(requests);
    expect(stats.rollbacks).toBe(1);
    expect(await transaction.verify()).toBe(false);
    const other = await Transaction.open(h.newClient(), { ...lockWait, lockTimeoutMs: 0 });
    await other.rollback();
  });

  it('an open whose commit-message check fails gives the lock back', async () => {
    await h.faults.serverErrors({ count: 1, status: 400, path: '/api/transaction', method: 'GET' });
    const stats = newStats();
    const error = await Transaction.open(h.newClient(), { ...lockWait, stats }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(stats).toMatchObject({ transactions: 1, rollbacks: 1 });
    const other = await Transaction.open(h.newClient(), { ...lockWait, lockTimeoutMs: 0 });
    await other.rollback();
  });

  it('a commit whose answer was lost while the transaction is still open is sent again: one commit', async () => {
    const client = h.newClient();
    const logger = collectingLogger();
    const transaction = await Transaction.open(client, { ...lockWait, logger });
    const { key } = await new TransactionScope(client, transaction).create(userListsSpec, list('resent'));
    await h.faults.dropConnections({ count: 1, path: '/api/transaction', method: 'PUT' });
    const before = await h.counters();
    await transaction.commit();
    expect((await h.counters()).commits - before.commits).toBe(1);
    expect(logger.lines.map((l) => l.message)).toContain('the commit did not go through and the transaction is still open: committing again');
    expect((await h.newClient().get(userListsSpec, key))?.body.name).toBe('resent');
  });

  it('a commit whose answer was lost after it went through is verified by reading back what it wrote', async () => {
    const client = h.newClient();
    const logger = collectingLogger();
    const transaction = await Transaction.open(client, { ...lockWait, logger });
    const { key } = await new TransactionScope(client, transaction).create(userListsSpec, list('verified'));
    const commit = client.commit.bind(client);
    // The simulator drops connections only before handling a request, so lose the answer here.
    client.commit = async (message, scope) => {
      await commit(message, scope);
      return lostAnswer();
    };
    const before = await h.counters();
    await transaction.commit();
    expect((await h.counters()).commits - before.commits).toBe(1);
    expect(logger.lines.map((l) => l.message)).toContain('the answer to a commit was lost, but the transaction is closed and its changes are committed');
    expect((await h.newClient().get(userListsSpec, key))?.body.name).toBe('verified');
  });

  it('a commit whose answer was lost and whose changes are not on the appliance fails: nothing was committed', async () => {
    const client = h.newClient();
    const transaction = await Transaction.open(client, lockWait);
    await new TransactionScope(client, transaction).create(userListsSpec, list('vanished'));
    // The transaction ends without a commit (as when it expires), and the commit's answer is lost.
    client.commit = async (_message, scope) => {
      await client.rollbackTransaction(scope);
      return lostAnswer();
    };
    const error = await transaction.commit().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransactionLostError);
    expect((error as Error).message).toMatch(/not on the appliance: nothing was committed/);
  });
});

function lostAnswer(): CommitAnswer {
  const cause = Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' });
  return { outcome: 'unknown', reason: 'the connection to SPS failed after PUT /api/transaction was sent', cause };
}
