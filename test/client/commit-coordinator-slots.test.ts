/**
 * Group commit following Terraform's calls in flight: the coordinator is told which changes are on
 * their way (PlannedChanges, as the provider does) and learns which slots its commits freed, and a
 * group commits once nothing more can join it. Terraform is played by `terraformApply` below;
 * everything waits on events, nothing on time.
 */
import { type ApplianceClient, type Change, ChangeCancelledError, CommitCoordinator, userListsSpec } from './imports';
import { collectingLogger } from './helpers';
import { useSimulator } from './simulator-harness';
import { PlannedChanges } from '../../src/provider/runtime';
import { waitFor } from '../support/wait';

const list = (name: string) => ({ name, allow: 'all_users' as const, except: [] });

interface Resource {
  readonly name: string;
  /** Started only once these are applied (Terraform's dependency order). */
  readonly after?: readonly string[];
}

/**
 * Terraform applying `resources` as the provider sees it: `parallelism` slots; a slot plans a ready
 * resource (the change is announced), applies it a turn of the event loop later, and starts the
 * next ready resource when the apply returns. With `refills: 'one by one'`, Terraform's bookkeeping
 * is slower than the provider's: the slots a commit freed are filled one after the other, each a
 * turn after the previous one's change was written, so the provider sees nothing on its way in
 * between; `pause` holds that bookkeeping after some refills until an event, and then starts the
 * next change at once.
 */
async function terraformApply(
  coordinator: CommitCoordinator,
  planned: PlannedChanges,
  resources: readonly Resource[],
  parallelism: number,
  { refills = 'together', pause }: { refills?: 'together' | 'one by one'; pause?: { afterRefills: number; until: Promise<void> } } = {},
): Promise<void> {
  const started = new Set<string>();
  const applied = new Set<string>();
  let running = 0;
  let bookkeeping = Promise.resolve();
  let refilled = 0;
  return new Promise<void>((resolve, reject) => {
    const ready = () => (running < parallelism ? resources.find((r) => !started.has(r.name) && (r.after ?? []).every((name) => applied.has(name))) : undefined);
    const finishIfDone = () => running === 0 && applied.size === resources.length && resolve();
    const fill = () => {
      for (let next = ready(); next; next = ready()) start(next, () => undefined);
      finishIfDone();
    };
    // Fills one freed slot (a turn later, unless `now`); resolves once the change started there was written (at once if none is ready).
    const refillOne = (now = false) =>
      new Promise<void>((done) => {
        const refill = () => {
          const next = ready();
          if (next) start(next, done);
          else done();
          finishIfDone();
        };
        if (now) refill();
        else setImmediate(refill);
      });
    const start = (resource: Resource, onWritten: () => void) => {
      started.add(resource.name);
      running++;
      planned.planned(); // PlanResourceChange
      setImmediate(() => {
        planned.settled(); // ApplyResourceChange
        const change: Change<unknown> = async (tx) => {
          const created = await tx.create(userListsSpec, list(resource.name));
          onWritten();
          return created;
        };
        coordinator.submit(change).then(() => {
          applied.add(resource.name);
          running--;
          if (refills === 'together') fill();
          else
            bookkeeping = bookkeeping.then(async () => {
              if (refilled++ !== pause?.afterRefills) return refillOne();
              await pause.until;
              await refillOne(true);
            });
        }, reject);
      });
    };
    fill();
  });
}

async function namesOnAppliance(client: ApplianceClient): Promise<string[]> {
  const objects = await Promise.all((await client.list(userListsSpec)).map((key) => client.get(userListsSpec, key)));
  return objects.filter((o) => o !== null && !o.key.startsWith('-')).map((o) => o!.body.name).sort();
}

const names = (prefix: string, count: number) => Array.from({ length: count }, (_, i) => `${prefix}-${String(i).padStart(2, '0')}`);

describe('group commit following Terraform’s calls in flight', () => {
  const h = useSimulator();

  it('a group takes every change on its way, whatever the size of the groups before it', async () => {
    const planned = new PlannedChanges();
    const coordinator = new CommitCoordinator(h.newClient(), { plannedChanges: planned });
    // One resource first (say a user list the others reference), then twenty that wait for it.
    const resources = [{ name: 'root' }, ...names('dependent', 20).map((name) => ({ name, after: ['root'] }))];
    await terraformApply(coordinator, planned, resources, 10);
    expect(coordinator.stats.commits).toBe(3);
    expect(await namesOnAppliance(h.newClient())).toHaveLength(21);
  });

  it('waits for the slots its last commit freed when Terraform fills them one by one', async () => {
    const planned = new PlannedChanges();
    const coordinator = new CommitCoordinator(h.newClient(), { plannedChanges: planned });
    await terraformApply(coordinator, planned, names('list', 20).map((name) => ({ name })), 5, { refills: 'one by one' });
    // Ideally ceil(20/5) = 4; the budget is twice that. Committing what has arrived would cost about one per change.
    expect(coordinator.stats.commits).toBeLessThanOrEqual(2 * 4);
    expect(await namesOnAppliance(h.newClient())).toHaveLength(20);
  });

  it('expects the freed slots a group stopped waiting for again once Terraform shows it was only slow', async () => {
    const planned = new PlannedChanges();
    let gaveUp!: () => void;
    const givenUp = new Promise<void>((resolve) => (gaveUp = resolve));
    const logger = { ...collectingLogger(), debug: (message: string) => message.startsWith('Terraform started no change') && gaveUp() };
    const coordinator = new CommitCoordinator(h.newClient(), { plannedChanges: planned, logger });
    // After the first commit Terraform fills one slot, then none until that change's group stopped
    // waiting (and commits it alone), then the other four, one by one, the first before that commit's answer.
    await terraformApply(coordinator, planned, names('list', 15).map((name) => ({ name })), 5, { refills: 'one by one', pause: { afterRefills: 1, until: givenUp } });
    // 5, 1, then those four with the next refill, then the last four: forgetting the four slots would split them up.
    expect(coordinator.stats.commits).toBe(4);
    expect(await namesOnAppliance(h.newClient())).toHaveLength(15);
  });

  it('never waits for a change that cannot come before its commit (one that depends on the group)', async () => {
    const planned = new PlannedChanges();
    const logger = collectingLogger();
    const coordinator = new CommitCoordinator(h.newClient(), { plannedChanges: planned, logger });
    // Ten at once; then only "child" is ready, and "grandchild" only once child's commit returned.
    const roots = names('root', 10);
    const resources = [...roots.map((name) => ({ name })), { name: 'child', after: [roots[0]] }, { name: 'grandchild', after: ['child'] }];
    await terraformApply(coordinator, planned, resources, 10);
    expect(coordinator.stats.commits).toBe(3);
    expect(await namesOnAppliance(h.newClient())).toHaveLength(12);
    // Only child's group found fewer slots filled than the last commit freed; no warning for that.
    expect(logger.lines.filter((line) => line.message.startsWith('Terraform started no change'))).toHaveLength(1);
    expect(logger.lines.filter((line) => line.level === 'warn')).toEqual([]);
  });

  it('a change planned but never applied holds one group back until stuckAfterMs, with a warning, and no group after it', async () => {
    const planned = new PlannedChanges();
    const logger = collectingLogger();
    const coordinator = new CommitCoordinator(h.newClient(), { plannedChanges: planned, logger, stuckAfterMs: 200 });
    planned.planned(); // Terraform planned it, then failed before applying it
    await coordinator.submit((tx) => tx.create(userListsSpec, list('first')));
    await coordinator.submit((tx) => tx.create(userListsSpec, list('second')));
    const warnings = logger.lines.filter((line) => line.level === 'warn');
    expect(warnings.map((line) => line.message)).toEqual(['committing without 1 change(s) that Terraform planned but has not applied for 0.2 s']);
    expect(coordinator.stats.commits).toBe(2);
    expect(await namesOnAppliance(h.newClient())).toEqual(['first', 'second']);
  });

  it('a change arriving while a group’s transaction is open joins its commit', async () => {
    const coordinator = new CommitCoordinator(h.newClient());
    let second: Promise<unknown> | undefined;
    await coordinator.submit(async (tx) => {
      second = coordinator.submit((inner) => inner.create(userListsSpec, list('joined')));
      return tx.create(userListsSpec, list('opened'));
    });
    await second;
    expect(coordinator.stats.commits).toBe(1);
    expect(await namesOnAppliance(h.newClient())).toEqual(['joined', 'opened']);
  });

  it('Ctrl-C ends the wait for a change on its way: the group is rolled back and nothing is committed', async () => {
    const planned = new PlannedChanges();
    const stop = new AbortController();
    const client = h.newClient();
    const coordinator = new CommitCoordinator(client, { plannedChanges: planned, signal: stop.signal });
    planned.planned();
    const waiting = coordinator.submit((tx) => tx.create(userListsSpec, list('interrupted')));
    await waitFor('the group has written its change and waits for the planned one', async () => ((await h.counters()).byRoute['POST /api/configuration/policies/userlists'] ?? 0) >= 1);
    stop.abort();
    await expect(waiting).rejects.toBeInstanceOf(ChangeCancelledError);
    expect((await h.counters()).commits).toBe(0);
    expect((await client.transactionStatus()).status).toBe('closed');
    expect(await namesOnAppliance(h.newClient())).toEqual([]);
  });
});
