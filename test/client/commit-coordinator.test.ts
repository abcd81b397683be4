import {
  type ApplianceClient,
  ApplianceError,
  ChangeCancelledError,
  CommitCoordinator,
  LockTimeoutError,
  LostUpdateError,
  userListsSpec,
} from './imports';
import { useSimulator } from './simulator-harness';
import { deadline, waitFor } from '../support/wait';

const list = (name: string, except: string[] = []) => ({ name, allow: 'all_users' as const, except });

async function namesOnAppliance(client: ApplianceClient): Promise<string[]> {
  const objects = await Promise.all((await client.list(userListsSpec)).map((key) => client.get(userListsSpec, key)));
  return objects
    .filter((o) => o !== null && !o.key.startsWith('-'))
    .map((o) => o!.body.name)
    .sort();
}

describe('commit coordinator (against the simulator)', () => {
  const h = useSimulator();

  it('groups concurrent changes: 25 creates cost at most 4 commits (here one) and one login', async () => {
    const client = h.newClient();
    const coordinator = new CommitCoordinator(client);
    const before = await h.counters();
    const keys = await Promise.all(
      Array.from({ length: 25 }, (_, i) => coordinator.submit(async (tx) => (await tx.create(userListsSpec, list(`list-${i}`))).key)),
    );
    expect(new Set(keys).size).toBe(25);
    const after = await h.counters();
    expect(after.commits - before.commits).toBeLessThanOrEqual(4);
    expect(coordinator.stats.commits).toBeLessThanOrEqual(4);
    expect(client.loginCount).toBe(1);
    expect(await namesOnAppliance(h.newClient())).toHaveLength(25);
  });

  it('parallelism 10: waves of 10 cost one commit each (ceil(N/10) + 1 at most)', async () => {
    const client = h.newClient();
    const coordinator = new CommitCoordinator(client);
    let next = 0;
    const worker = async () => {
      while (next < 30) {
        const i = next++;
        await coordinator.submit((tx) => tx.create(userListsSpec, list(`wave-${i}`)));
      }
    };
    await Promise.all(Array.from({ length: 10 }, worker));
    expect(coordinator.stats.commits).toBeLessThanOrEqual(4);
  });

  it('a change the appliance refuses fails alone; the others are committed in the same transaction', async () => {
    const client = h.newClient();
    const coordinator = new CommitCoordinator(client);
    const results = await Promise.allSettled([
      coordinator.submit((tx) => tx.create(userListsSpec, list('good-1'))),
      coordinator.submit((tx) => tx.create(userListsSpec, { name: 'bad', allow: 'maybe' } as never)),
      coordinator.submit((tx) => tx.create(userListsSpec, list('good-2'))),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    const error = (results[1] as PromiseRejectedResult).reason as ApplianceError;
    expect(error).toBeInstanceOf(ApplianceError);
    expect(error.status).toBe(400);
    expect(error.fieldIssues.map((i) => i.path.join('.'))).toContain('allow');
    expect(coordinator.stats.commits).toBe(1);
    expect(await namesOnAppliance(h.newClient())).toEqual(['good-1', 'good-2']);
  });

  it('a failed commit is rolled back and each change re-applied alone: only the culprit fails, nothing half committed', async () => {
    const client = h.newClient();
    const coordinator = new CommitCoordinator(client);
    await client.list(userListsSpec);
    await h.faults.rejectCommits({ count: 2 }); // the group's commit, then the first member's own commit
    const results = await Promise.allSettled([
      coordinator.submit((tx) => tx.create(userListsSpec, list('c-1'))),
      coordinator.submit((tx) => tx.create(userListsSpec, list('c-2'))),
      coordinator.submit((tx) => tx.create(userListsSpec, list('c-3'))),
    ]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'fulfilled', 'fulfilled']);
    expect(await namesOnAppliance(h.newClient())).toEqual(['c-2', 'c-3']);
    expect(coordinator.stats.rollbacks).toBeGreaterThanOrEqual(2);
    expect((await client.transactionStatus()).status).toBe('closed');
  });

  it('waits while another admin holds the lock, and proceeds once it is released', async () => {
    const client = h.newClient();
    const coordinator = new CommitCoordinator(client, { lockTimeoutMs: deadline(30_000), lockRetryInitialDelayMs: 20, lockRetryMaxDelayMs: 100 });
    await h.holdLock('alice');
    const submitted = coordinator.submit((tx) => tx.create(userListsSpec, list('after-lock')));
    // A second attempt at opening the transaction: the coordinator is waiting for the lock.
    await waitFor('the coordinator retries opening the transaction', async () => ((await h.counters()).byRoute['POST /api/transaction'] ?? 0) >= 2);
    expect((await h.counters()).commits).toBe(0);
    await h.releaseLock();
    await submitted;
    expect(coordinator.stats.lockWaits).toBeGreaterThan(0);
    expect(await namesOnAppliance(h.newClient())).toEqual(['after-lock']);
  });

  it('fails with the holder’s name when the lock is held beyond the timeout', async () => {
    const client = h.newClient();
    const coordinator = new CommitCoordinator(client, { lockTimeoutMs: 300, lockRetryInitialDelayMs: 20, lockRetryMaxDelayMs: 100 });
    await h.holdLock('alice');
    const error = await coordinator.submit((tx) => tx.create(userListsSpec, list('blocked'))).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LockTimeoutError);
    expect((error as Error).message).toContain('"alice"');
    await h.releaseLock();
    expect(await namesOnAppliance(h.newClient())).toEqual([]);
  });

  it('refuses to overwrite or delete an object changed since the plan', async () => {
    const client = h.newClient();
    const coordinator = new CommitCoordinator(client);
    const prior = list('shared', ['root']);
    const { key } = await coordinator.submit((tx) => tx.create(userListsSpec, prior));
    // Someone else changes it through their own session.
    const other = h.newClient();
    await other.replace(userListsSpec, key, list('shared', ['root', 'bob']));
    expect(await other.commit('by hand', {})).toEqual({ outcome: 'committed' });

    const update = await coordinator
      .submit((tx) => tx.replaceIfUnchanged(userListsSpec, key, prior, list('shared', ['carol'])))
      .catch((e: unknown) => e);
    expect(update).toBeInstanceOf(LostUpdateError);
    expect((update as Error).message).toMatch(/modified on the appliance after the plan.*except/);
    const remove = await coordinator.submit((tx) => tx.deleteIfUnchanged(userListsSpec, key, prior)).catch((e: unknown) => e);
    expect(remove).toBeInstanceOf(LostUpdateError);
    expect((await h.newClient().get(userListsSpec, key))?.body.except).toEqual(['root', 'bob']);
    // With the current state as prior, the update goes through.
    await coordinator.submit((tx) => tx.replaceIfUnchanged(userListsSpec, key, list('shared', ['root', 'bob']), list('shared', ['carol'])));
    expect((await h.newClient().get(userListsSpec, key))?.body.except).toEqual(['carol']);
  });

  it('sends the configured commit message with each commit', async () => {
    const client = h.newClient();
    const coordinator = new CommitCoordinator(client, { commitMessage: 'https://git.example.com/pr/42' });
    await coordinator.submit((tx) => tx.create(userListsSpec, list('with-message')));
    expect(await h.lastCommitMessage()).toBe('https://git.example.com/pr/42');
  });

  it('drops changes cancelled before they wrote anything', async () => {
    const client = h.newClient();
    const stop = new AbortController();
    const coordinator = new CommitCoordinator(client, { signal: stop.signal });
    const pending = coordinator.submit((tx) => tx.create(userListsSpec, list('never')));
    stop.abort();
    await expect(pending).rejects.toBeInstanceOf(ChangeCancelledError);
    await expect(coordinator.submit((tx) => tx.create(userListsSpec, list('never-2')))).rejects.toBeInstanceOf(ChangeCancelledError);
    expect(await namesOnAppliance(h.newClient())).toEqual([]);
  });

  it('re-applies the group on a new session when the session expires mid-transaction', async () => {
    const client = h.newClient();
    const coordinator = new CommitCoordinator(client);
    let expiredOnce = false;
    const results = await Promise.all(
      ['s-1', 's-2'].map((name) =>
        coordinator.submit(async (tx) => {
          const created = await tx.create(userListsSpec, list(name));
          if (!expiredOnce) {
            expiredOnce = true;
            await h.expireSessions();
          }
          return created.key;
        }),
      ),
    );
    expect(results).toHaveLength(2);
    expect(client.loginCount).toBe(2);
    expect(await namesOnAppliance(h.newClient())).toEqual(['s-1', 's-2']);
  });

  it('does not repeat a commit blindly when its answer is lost: it checks the transaction first', async () => {
    const client = h.newClient();
    const coordinator = new CommitCoordinator(client);
    await client.list(userListsSpec);
    await h.faults.dropConnections({ count: 1, path: '/api/transaction', method: 'PUT' });
    const before = await h.counters();
    await Promise.all(['l-1', 'l-2'].map((name) => coordinator.submit((tx) => tx.create(userListsSpec, list(name)))));
    expect((await h.counters()).commits - before.commits).toBe(1);
    expect(await namesOnAppliance(h.newClient())).toEqual(['l-1', 'l-2']);
  });

  it('repeats a commit answered with 5xx while the transaction is still open', async () => {
    const client = h.newClient();
    const coordinator = new CommitCoordinator(client);
    await client.list(userListsSpec);
    await h.faults.serverErrors({ count: 1, status: 503, path: '/api/transaction', method: 'PUT' });
    await coordinator.submit((tx) => tx.create(userListsSpec, list('after-503')));
    expect(await namesOnAppliance(h.newClient())).toEqual(['after-503']);
  });
});
