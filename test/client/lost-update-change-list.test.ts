/**
 * Lost-update protection from the transaction's change list: under the configuration lock, the
 * change list shows what each PUT and DELETE replaced, so a group of updates is checked with one
 * change list before its commit instead of one read per object, with the same guarantee.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { unmanagedFields } from '../../src/client/overlay';
import { type ApplianceClient, CommitCoordinator, LostUpdateError, userListsSpec } from './imports';
import { startHostileFront } from './hostile-front';
import { type Counters, useSimulator } from './simulator-harness';

const USER_LISTS = userListsSpec.path;
const OBJECT_READS = `GET ${USER_LISTS}/{key}`;
const OBJECT_PUTS = `PUT ${USER_LISTS}/{key}`;
const CHANGE_LISTS = 'GET /api/transaction/changes';

const list = (name: string, except: string[] = []) => ({ name, allow: 'all_users' as const, except });

describe('lost updates checked from the change list (against the simulator)', () => {
  const h = useSimulator();

  /** Creates user lists (committed) through a client of their own; returns their keys. */
  async function createLists(bodies: Array<ReturnType<typeof list>>): Promise<string[]> {
    const coordinator = new CommitCoordinator(h.newClient(), { gatherWindowMs: 5 });
    return Promise.all(bodies.map((body) => coordinator.submit(async (tx) => (await tx.create(userListsSpec, body)).key)));
  }

  /** Requests of some routes between two counter snapshots. */
  function requestsBetween(before: Counters, after: Counters) {
    const delta = (route: string) => (after.byRoute[route] ?? 0) - (before.byRoute[route] ?? 0);
    return { reads: delta(OBJECT_READS), puts: delta(OBJECT_PUTS), changeLists: delta(CHANGE_LISTS), commits: after.commits - before.commits };
  }

  /** A group of updates, submitted together, to `next(i)` from `priors[i]`; their outcomes. */
  function updateGroup(coordinator: CommitCoordinator, keys: string[], priors: Array<ReturnType<typeof list>>, indexes: number[], except: string[]) {
    return Promise.allSettled(
      indexes.map((i) => coordinator.submit((tx) => tx.replaceIfUnchanged(userListsSpec, keys[i], priors[i], list(priors[i].name, except)))),
    );
  }

  /** A client whose change list has been shown to tell what a change replaced (by a group of two updates). */
  async function checkedClient(): Promise<{ client: ApplianceClient; coordinator: CommitCoordinator }> {
    const client = h.newClient();
    const coordinator = new CommitCoordinator(client, { gatherWindowMs: 20 });
    const priors = [list('warm-up-0'), list('warm-up-1')];
    const keys = await createLists(priors);
    await updateGroup(coordinator, keys, priors, [0, 1], ['x']);
    expect(client.changeListShowsOldValues).toBe(true);
    return { client, coordinator };
  }

  it('a group of updates costs one PUT each and one change list: only the first transaction reads an object, once', async () => {
    const priors = Array.from({ length: 6 }, (_, i) => list(`list-${i}`, ['root']));
    const keys = await createLists(priors);
    const client = h.newClient();
    const coordinator = new CommitCoordinator(client, { gatherWindowMs: 20 });
    const before = await h.counters();
    const first = await updateGroup(coordinator, keys, priors, [0, 1, 2], ['carol']);
    const afterFirst = await h.counters();
    const second = await updateGroup(coordinator, keys, priors, [3, 4, 5], ['carol']);
    const after = await h.counters();
    expect([...first, ...second].map((outcome) => outcome.status)).toEqual(Array(6).fill('fulfilled'));
    // Before: a read per update (6 reads). The first group's first update reads, and its read
    // shows that the change list tells what a PUT replaced; every other update is checked from the list.
    expect(requestsBetween(before, afterFirst)).toEqual({ reads: 1, puts: 3, changeLists: 1, commits: 1 });
    expect(requestsBetween(afterFirst, after)).toEqual({ reads: 0, puts: 3, changeLists: 1, commits: 1 });
    const check = h.newClient();
    for (const key of keys) expect((await check.get(userListsSpec, key))?.body.except).toEqual(['carol']);
  });

  it('a group of one reads its object (or asks for the change list), as before: never more requests than a read per change', async () => {
    const [key] = await createLists([list('alone', ['root'])]);
    const coordinator = new CommitCoordinator(h.newClient(), { gatherWindowMs: 5 });
    const before = await h.counters();
    await coordinator.submit((tx) => tx.replaceIfUnchanged(userListsSpec, key, list('alone', ['root']), list('alone', ['bob'])));
    expect(requestsBetween(before, await h.counters())).toEqual({ reads: 1, puts: 1, changeLists: 0, commits: 1 });
  });

  it('refuses a lost update found in the change list: the culprit fails and writes nothing, the rest of its group is committed', async () => {
    const { coordinator } = await checkedClient();
    const priors = [list('shared', ['root']), list('mine', ['root'])];
    const keys = await createLists(priors);
    // Someone else changes the first one after the plan, through their own session.
    const other = h.newClient();
    await other.replace(userListsSpec, keys[0], list('shared', ['root', 'bob']));
    expect(await other.commit('by hand', {})).toEqual({ outcome: 'committed' });
    const before = await h.counters();

    const [shared, mine] = await updateGroup(coordinator, keys, priors, [0, 1], ['carol']);
    expect(shared.status === 'rejected' && shared.reason).toBeInstanceOf(LostUpdateError);
    expect(((shared as PromiseRejectedResult).reason as Error).message).toMatch(/modified on the appliance after the plan.*except: planned from \["root"\], now \["root","bob"\]/);
    expect(mine.status).toBe('fulfilled');
    expect(requestsBetween(before, await h.counters()).reads).toBe(0);
    const check = h.newClient();
    expect((await check.get(userListsSpec, keys[0]))?.body.except).toEqual(['root', 'bob']);
    expect((await check.get(userListsSpec, keys[1]))?.body.except).toEqual(['carol']);
  });

  it('refuses to update an object deleted since the plan', async () => {
    const { coordinator } = await checkedClient();
    const priors = [list('gone', ['root'])];
    const [key] = await createLists(priors);
    const other = h.newClient();
    await other.delete(userListsSpec, key);
    expect(await other.commit('by hand', {})).toEqual({ outcome: 'committed' });
    const [outcome] = await updateGroup(coordinator, [key], priors, [0], ['carol']);
    expect(outcome.status === 'rejected' && outcome.reason).toBeInstanceOf(LostUpdateError);
    expect(((outcome as PromiseRejectedResult).reason as Error).message).toMatch(/was deleted on the appliance after the plan/);
    expect(await h.newClient().get(userListsSpec, key)).toBeNull();
  });

  it('deletes from the change list too: one changed since the plan is refused, one already gone is fine, the others go', async () => {
    const { coordinator } = await checkedClient();
    const priors = [list('changed', ['root']), list('gone', ['root']), list('plain', ['root'])];
    const keys = await createLists(priors);
    const other = h.newClient();
    await other.replace(userListsSpec, keys[0], list('changed', ['bob']));
    await other.delete(userListsSpec, keys[1]);
    expect(await other.commit('by hand', {})).toEqual({ outcome: 'committed' });
    const before = await h.counters();
    const outcomes = await Promise.allSettled(keys.map((key, i) => coordinator.submit((tx) => tx.deleteIfUnchanged(userListsSpec, key, priors[i]))));
    expect(outcomes[0].status === 'rejected' && outcomes[0].reason).toBeInstanceOf(LostUpdateError);
    expect(outcomes.slice(1).map((outcome) => outcome.status)).toEqual(['fulfilled', 'fulfilled']);
    expect(requestsBetween(before, await h.counters()).reads).toBe(0);
    const check = h.newClient();
    expect((await check.get(userListsSpec, keys[0]))?.body.except).toEqual(['bob']);
    expect(await check.get(userListsSpec, keys[2])).toBeNull();
  });

  it('keeps the fields the model does not manage: those read with the state, and those set since', async () => {
    const { coordinator } = await checkedClient();
    const priors = [list('noted', ['root']), list('renoted', ['root'])];
    const keys = await createLists(priors);
    for (const key of keys) await h.addExtraFields(`${USER_LISTS}/${key}`, { description: 'web UI note' });
    // What a refresh keeps with the state: the fields besides the managed ones.
    const read = (await h.newClient().get(userListsSpec, keys[0]))!;
    const kept = unmanagedFields(read.raw, read.body, userListsSpec.readOnlyFields);
    expect(kept).toEqual({ fields: { description: 'web UI note' }, inside: {} });
    // The second one's note changes after that read.
    await h.addExtraFields(`${USER_LISTS}/${keys[1]}`, { description: 'changed in the web UI' });
    const outcomes = await Promise.allSettled(
      keys.map((key, i) => coordinator.submit((tx) => tx.replaceIfUnchanged(userListsSpec, key, priors[i], list(priors[i].name, ['carol']), { unmanaged: kept }))),
    );
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'fulfilled']);
    const check = h.newClient();
    expect((await check.get(userListsSpec, keys[0]))?.raw).toEqual({ ...list('noted', ['carol']), description: 'web UI note' });
    expect((await check.get(userListsSpec, keys[1]))?.raw).toEqual({ ...list('renoted', ['carol']), description: 'changed in the web UI' });
  });

  it('an appliance whose change list does not tell what a change replaced: every update reads first, and a lost update is still refused', async () => {
    // A front that answers the change list without old values.
    const front = await startHostileFront(h.url, (request: IncomingMessage, response: ServerResponse) => {
      if (request.method !== 'GET' || request.url !== '/api/transaction/changes') return false;
      void fetch(`${h.url}${request.url}`, { headers: { cookie: String(request.headers.cookie ?? '') } }).then(async (answer) => {
        const json = (await answer.json()) as { changes: Array<Record<string, unknown>> };
        response.writeHead(answer.status, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ ...json, changes: json.changes.map(({ old_value: _, ...change }) => change) }));
      });
      return true;
    });
    try {
      const client = h.newClient({ url: front.url });
      const coordinator = new CommitCoordinator(client, { gatherWindowMs: 20 });
      const priors = Array.from({ length: 4 }, (_, i) => list(`plain-${i}`, ['root']));
      const keys = await createLists(priors);
      // The first group relied on the list and finds it silent: it is applied again, each update alone, reading first.
      const first = await updateGroup(coordinator, keys, priors, [0, 1], ['carol']);
      expect(first.map((outcome) => outcome.status)).toEqual(['fulfilled', 'fulfilled']);
      expect(client.changeListShowsOldValues).toBe(false);
      const other = h.newClient();
      await other.replace(userListsSpec, keys[2], list('plain-2', ['bob']));
      expect(await other.commit('by hand', {})).toEqual({ outcome: 'committed' });
      const before = await h.counters();
      const [changed, plain] = await updateGroup(coordinator, keys, priors, [2, 3], ['carol']);
      expect(changed.status === 'rejected' && changed.reason).toBeInstanceOf(LostUpdateError);
      expect(plain.status).toBe('fulfilled');
      expect(requestsBetween(before, await h.counters())).toMatchObject({ reads: 2, changeLists: 0 });
      const check = h.newClient();
      expect((await check.get(userListsSpec, keys[2]))?.body.except).toEqual(['bob']);
      for (const i of [0, 1, 3]) expect((await check.get(userListsSpec, keys[i]))?.body.except).toEqual(['carol']);
    } finally {
      await front.close();
    }
  });
});
