/**
 * The acceptance harness, in terraform-plugin-framework style: the real terraform CLI against the
 * simulator, and for each resource create → import-verify → update → no-op plan → drift → destroy.
 * Each resource's test (beside it in this folder) calls `useAcceptance()` once.
 */
import type { SimulatorHandle, SimulatorOptions } from '../../../src/simulator';
import { adminSession, startTestSimulator } from '../../support/simulator';
import { makeWorkspace, PROVIDER_BLOCK, tfOk, type Workspace } from '../../support/terraform';

let simulator: SimulatorHandle;
const workspaces: Workspace[] = [];

/** Starts the simulator for the test file and cleans up its workspaces; returns accessors. */
export function useAcceptance(options: SimulatorOptions = {}): { simulator: () => SimulatorHandle } {
  jest.setTimeout(180_000);
  beforeAll(async () => {
    simulator = await startTestSimulator(options);
  });
  afterAll(async () => {
    for (const ws of workspaces.splice(0)) ws.cleanup();
    await simulator.close();
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

export async function workspace(files: Record<string, string>): Promise<Workspace> {
  const ws = makeWorkspace({ files: { 'provider.tf': providerConfig(), ...files } });
  workspaces.push(ws);
  await tfOk(ws, ['init', '-input=false']);
  return ws;
}

export async function stateAttribute(ws: Workspace, address: string, attribute: string): Promise<string> {
  const shown = await tfOk(ws, ['show', '-json']);
  const resource = JSON.parse(shown.stdout).values.root_module.resources.find((r: { address: string }) => r.address === address);
  return resource.values[attribute];
}

export interface Lifecycle {
  address: string;
  collection: string;
  config: (variant: 'initial' | 'updated') => string;
  checkCreated: (body: any) => void;
  checkUpdated: (body: any) => void;
  /** An out-of-band change to the body, and the attribute the next plan should show changing. */
  drift: (body: any) => { body: any; attribute: RegExp };
}

export async function lifecycle(spec: Lifecycle): Promise<void> {
  const admin = await adminSession(simulator.url);
  const ws = await workspace({ 'main.tf': spec.config('initial') });

  // create
  await tfOk(ws, ['apply', '-auto-approve']);
  const key = await stateAttribute(ws, spec.address, 'id');
  spec.checkCreated(await admin.body(`${spec.collection}/${key}`));

  // import-verify: a fresh state adopts the object through an import block with no changes
  const [type, name] = spec.address.split('.');
  const importer = await workspace({ 'main.tf': spec.config('initial'), 'import.tf': `import {\n  to = ${type}.${name}\n  id = "${key}"\n}\n` });
  const importPlan = await tfOk(importer, ['plan', '-detailed-exitcode'], 2);
  expect(importPlan.stdout).toMatch(/Plan: 1 to import, 0 to add, 0 to change, 0 to destroy/);

  // update in place
  ws.write({ 'main.tf': spec.config('updated') });
  const update = await tfOk(ws, ['apply', '-auto-approve']);
  expect(update.stdout).toMatch(/1 changed, 0 destroyed/);
  spec.checkUpdated(await admin.body(`${spec.collection}/${key}`));

  // no-op plan
  const noop = await tfOk(ws, ['plan', '-detailed-exitcode'], 0);
  expect(noop.stdout).toMatch(/No changes/);

  // drift: a change in the web UI shows in the next plan
  const current = await admin.body(`${spec.collection}/${key}`);
  const { body: drifted, attribute } = spec.drift(structuredClone(current));
  await admin.commitChange('PUT', `${spec.collection}/${key}`, drifted);
  const driftPlan = await tfOk(ws, ['plan', '-detailed-exitcode'], 2);
  expect(driftPlan.stdout).toMatch(/1 to change/);
  expect(driftPlan.stdout).toMatch(attribute);

  // deleted outside Terraform: planned for re-creation
  await admin.commitChange('DELETE', `${spec.collection}/${key}`);
  const gone = await tfOk(ws, ['plan', '-detailed-exitcode'], 2);
  expect(gone.stdout).toMatch(/1 to add, 0 to change, 0 to destroy/);
  await tfOk(ws, ['apply', '-auto-approve']);
  const recreated = await stateAttribute(ws, spec.address, 'id');
  expect(recreated).not.toBe(key);

  // destroy
  await tfOk(ws, ['destroy', '-auto-approve']);
  expect(await admin.body(`${spec.collection}/${recreated}`)).toBeUndefined();
}
