/**
 * The acceptance harness, in terraform-plugin-framework style: the real terraform CLI against the
 * simulator. Each managed kind's lifecycle (create → import-verify → update → no-op plan → drift →
 * deleted outside → destroy) is derived from the example in its description (see
 * test/support/kind-examples.ts) and run by the lifecycle-*.test.ts files; a kind's own file beside
 * them holds what is special to it. A test file calls `useAcceptance()` once: one simulator, one
 * provider install and one `terraform init` serve all its tests, each in a root module of its own.
 */
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SimulatorHandle, SimulatorOptions } from '../../../src/simulator';
import { kindAcceptance, type KindAcceptance, MANAGED_KINDS, withValueAt } from '../../support/kind-examples';
import { adminSession, startTestSimulator } from '../../support/simulator';
import { makeWorkspace, PROVIDER_BLOCK, tfOk, type Workspace } from '../../support/terraform';
import { deadline } from '../../support/wait';

let simulator: SimulatorHandle;
let shared: Workspace;
let roots = 0;

/** Starts the simulator and initializes the working directory for the test file; cleans both up after it. */
export function useAcceptance(options: SimulatorOptions = {}): { simulator: () => SimulatorHandle } {
  jest.setTimeout(deadline(180_000));
  beforeAll(async () => {
    simulator = await startTestSimulator(options);
    // The derived configurations leave the appliance and the credentials to the environment, as exported ones do.
    shared = makeWorkspace({
      env: { SPS_URL: simulator.url, SPS_USERNAME: 'admin', SPS_PASSWORD: 'admin', SPS_COMMIT_MESSAGE: 'acceptance test' },
      files: { 'main.tf': PROVIDER_BLOCK },
    });
    await tfOk(shared, ['init', '-input=false']);
  });
  afterAll(async () => {
    shared?.cleanup();
    await simulator?.close();
  });
  return { simulator: () => simulator };
}

export function providerConfig(): string {
  return `${PROVIDER_BLOCK}
provider "sps" {
  url            = "${simulator.url}"
  username       = "admin"
  password       = "admin"
  commit_message = "acceptance test"
}
`;
}

/** A configuration of `files` and the provider configuration, with a state of its own (see rootModule). */
export async function workspace(files: Record<string, string>): Promise<Workspace> {
  return rootModule({ 'provider.tf': providerConfig(), ...files });
}

/**
 * A root module of its own (a subdirectory of the file's working directory, so its own state) that
 * uses the provider `terraform init` installed there: the same data directory and lock file.
 */
function rootModule(files: Record<string, string>): Workspace {
  const dir = join(shared.dir, `root-${++roots}`);
  mkdirSync(dir);
  copyFileSync(join(shared.dir, '.terraform.lock.hcl'), join(dir, '.terraform.lock.hcl'));
  const root: Workspace = {
    dir,
    env: { ...shared.env, TF_DATA_DIR: join(shared.dir, '.terraform') },
    write: (more) => {
      for (const [name, text] of Object.entries(more)) writeFileSync(join(dir, name), text);
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
  root.write(files);
  return root;
}

/** An attribute of a resource in the state, read from the state file (no provider needs to start for it). */
export async function stateAttribute(ws: Workspace, address: string, attribute: string): Promise<string> {
  const state = JSON.parse(readFileSync(join(ws.dir, 'terraform.tfstate'), 'utf8'));
  const resource = state.resources.find((r: { mode: string; type: string; name: string }) => r.mode === 'managed' && `${r.type}.${r.name}` === address);
  if (!resource) throw new Error(`the state has no ${address}`);
  return resource.instances[0].attributes[attribute];
}

/** Registers the derived lifecycle test of every managed kind whose place in KINDS falls to this file: `shard` of `shards` files. */
export function lifecycleTests(shard: number, shards: number): void {
  useAcceptance();
  const kinds = MANAGED_KINDS.filter((_, index) => index % shards === shard - 1);
  describe.each(kinds.map((kind) => [`sps_${kind.id}`, kind] as const))('%s', (_, kind) => {
    it('create → import-verify → update → no-op → drift → deleted outside → destroy, derived from its example', () => lifecycle(kindAcceptance(kind)));
  });
}

async function lifecycle(test: KindAcceptance): Promise<void> {
  const admin = await adminSession(simulator.url);
  const path = (key: string) => `${test.kind.path}/${key}`;
  const expectStored = async (key: string, variant: 'initial' | 'updated') => {
    const stored = await admin.body(path(key));
    expect(test.kind.normalize(stored)).toMatchObject(test.expectedFields(variant) as object);
    expect(test.modelled(stored)).toEqual(test.expectedModelled(variant));
  };
  const ws = rootModule({ 'main.tf': test.config('initial') });

  // create
  await tfOk(ws, ['apply', '-auto-approve']);
  const key = await stateAttribute(ws, test.address, 'id');
  await expectStored(key, 'initial');

  // import-verify: an empty state (a state file of its own) adopts the object through an import block, with no changes
  ws.write({ 'main.tf': test.config('initial', key) });
  const importPlan = await tfOk(ws, ['plan', '-detailed-exitcode', `-state=${join(ws.dir, 'import-verify.tfstate')}`], 2);
  expect(importPlan.stdout).toMatch(/Plan: 1 to import, 0 to add, 0 to change, 0 to destroy/);

  // update in place
  ws.write({ 'main.tf': test.config('updated') });
  const update = await tfOk(ws, ['apply', '-auto-approve']);
  expect(update.stdout).toMatch(/0 added, 1 changed, 0 destroyed/);
  await expectStored(key, 'updated');

  // no-op plan
  const noop = await tfOk(ws, ['plan', '-detailed-exitcode'], 0);
  expect(noop.stdout).toMatch(/No changes/);

  // drift: a change in the web UI shows in the next plan
  await admin.commitChange('PUT', path(key), withValueAt(await admin.body(path(key)), test.drift.path, test.drift.value));
  const driftPlan = await tfOk(ws, ['plan', '-detailed-exitcode'], 2);
  expect(driftPlan.stdout).toMatch(/Plan: 0 to add, 1 to change, 0 to destroy/);
  expect(driftPlan.stdout).toMatch(test.drift.shows);

  // deleted outside Terraform: the next apply plans to create it again, and does
  await admin.commitChange('DELETE', path(key));
  const again = await tfOk(ws, ['apply', '-auto-approve']);
  expect(again.stdout).toMatch(/Plan: 1 to add, 0 to change, 0 to destroy/);
  const recreated = await stateAttribute(ws, test.address, 'id');
  expect(recreated).not.toBe(key);
  await expectStored(recreated, 'updated');

  // destroy
  await tfOk(ws, ['destroy', '-auto-approve']);
  expect(await admin.body(path(recreated))).toBeUndefined();
}
