/**
 * Two deploys of the same stack at once (two CI runs, each with its own checkout and synth) on
 * the pg backend: the second waits for the state lock the first holds, then plans against the
 * state the first wrote, so neither change is lost or applied twice. Without a lock timeout the
 * second fails at once with Terraform's state-lock error.
 *
 * The first deploy is held inside its apply, deterministically, by an administrator holding the
 * appliance's configuration lock (the provider waits for it); releasing it lets the first finish.
 */
import { deadline, waitFor } from '../support/wait';
import { expectedObjects, Fleet, type RunResult } from './fleet-harness';
/* eslint-disable-next-line @typescript-eslint/no-require-imports */
const { baseInventory } = require('../../scripts/lib/fleet.cjs');

jest.setTimeout(deadline(300_000));

let fleet: Fleet;
beforeAll(async () => {
  const london = baseInventory().appliances.find((a: { name: string }) => a.name === 'london');
  fleet = await Fleet.start({ appliances: [{ ...london, tags: [] }] });
});
afterAll(async () => {
  await fleet?.cleanup();
});

it('concurrent deploys of one stack serialise through the state lock, and no change is lost', async () => {
  const deploy = (output: string, tags: string[], message: string, onOutput?: (text: string) => void) => {
    const inventory = fleet.writeInventory(`inventory-${output}.json`, (inv) => (inv.appliances[0].tags = tags));
    return fleet.cdktf(['deploy', 'london', '--auto-approve', '--no-color'], output, fleet.env(inventory, message), onOutput);
  };
  const initial = await deploy('initial', [], 'initial');
  expect({ code: initial.code, output: initial.code === 0 ? '' : initial.output }).toEqual({ code: 0, output: '' });
  const london = fleet.simulators.london;

  // Run A adds the DMZ extras and is held inside its apply, with the state locked.
  london.holdLock('webui-admin');
  const runA = deploy('run-a', ['dmz'], 'run A');
  let doneA = false;
  void runA.then(() => (doneA = true));
  await waitFor('run A holds the state lock', () => fleet.pg.advisoryLocks().length > 0 || doneA, 120_000);
  expect(doneA).toBe(false);

  // Without a lock timeout, another run fails at once with Terraform's state-lock error.
  const env = fleet.env(fleet.writeInventory('inventory-initial.json', (inv) => (inv.appliances[0].tags = [])), 'plan', { TF_CLI_ARGS_plan: '' });
  const failFast = await fleet.terraform(['plan', '-lock-timeout=0s', '-input=false', '-no-color'], 'initial', 'london', env);
  expect(failFast.code).toBe(1);
  expect(failFast.output).toMatch(/Error acquiring the state lock/);
  expect(failFast.output).toMatch(/Workspace is already locked: default|already locked for workspace creation/);

  // Run B, from a later commit (DMZ and PCI extras), waits for the lock.
  let outputB = '';
  const runB = deploy('run-b', ['dmz', 'pci'], 'run B', (text) => (outputB += text));
  let doneB = false;
  void runB.then(() => (doneB = true));
  await waitFor('run B tries to take the state lock', () => /london\s+Acquiring state lock/.test(outputB) || doneB, 120_000);
  // Both still wait: A for the appliance's lock, B for the state lock A holds.
  expect({ doneA, doneB }).toEqual({ doneA: false, doneB: false });

  london.releaseLock();
  const [a, b]: RunResult[] = await Promise.all([runA, runB]);
  expect({ code: a.code, output: a.code === 0 ? '' : a.output }).toEqual({ code: 0, output: '' });
  expect({ code: b.code, output: b.code === 0 ? '' : b.output }).toEqual({ code: 0, output: '' });
  // B planned against the state A wrote: it added only the PCI extras.
  expect(a.output).toMatch(/Apply complete! Resources: 2 added, 0 changed, 0 destroyed/);
  expect(b.output).toMatch(/Apply complete! Resources: 2 added, 0 changed, 0 destroyed/);

  // Every object exactly once on the appliance and in the state; one commit per run, in order.
  expect(await fleet.objects('london')).toEqual(expectedObjects(['dmz', 'pci']));
  expect(fleet.stateResources('london')).toHaveLength(7);
  expect(london.commits().map((c) => c.message)).toEqual(['initial', 'run A', 'run B']);
  const plan = await fleet.terraform(['plan', '-detailed-exitcode', '-input=false', '-no-color'], 'run-b', 'london', fleet.env(fleet.writeInventory('inventory-run-b.json', (inv) => (inv.appliances[0].tags = ['dmz', 'pci'])), 'plan'));
  expect({ code: plan.code, output: plan.code === 0 ? '' : plan.output }).toEqual({ code: 0, output: '' });
});
