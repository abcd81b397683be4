/**
 * Sets holding several values not known until apply, through the real terraform CLI: cty's
 * unknowns are all distinct, so a set may hold any number of them, and the planned set must be
 * the configuration's (else Terraform refuses the plan as invalid).
 */
import type { SimulatorHandle } from '../../src/simulator';
import { adminSession, startTestSimulator } from '../support/simulator';
import { makeWorkspace, PROVIDER_BLOCK, tf, tfOk, type Workspace } from '../support/terraform';
import { deadline } from '../support/wait';

jest.setTimeout(deadline(180_000));

const USER_LISTS = '/api/configuration/policies/userlists';
let simulator: SimulatorHandle;
let ws: Workspace;

beforeAll(async () => {
  simulator = await startTestSimulator();
  ws = makeWorkspace({
    files: { 'provider.tf': `${PROVIDER_BLOCK}\nprovider "sps" {\n  url      = "${simulator.url}"\n  username = "admin"\n  password = "admin"\n}\n` },
  });
  await tfOk(ws, ['init', '-input=false']);
});
afterAll(async () => {
  ws.cleanup();
  await simulator.close();
});

/** `terraform_data` outputs are unknown until apply: each is an unknown element of `except` at plan. */
function config(names: string[]): string {
  const data = names.map((name, i) => `resource "terraform_data" "u${i}" {\n  input = "${name}"\n}\n`).join('\n');
  const refs = names.map((_, i) => `terraform_data.u${i}.output`);
  return `${data}\nresource "sps_user_list" "ops" {\n  name   = "ops"\n  allow  = "no_user"\n  except = [${[...refs, '"alice"'].join(', ')}]\n}\n`;
}

it.each([
  ['two', ['bob', 'carol']],
  ['three', ['dave', 'erin', 'frank']],
])('plans and applies a set with %s unknown elements, then plans no changes', async (_, names) => {
  ws.write({ 'main.tf': config(names) });
  const plan = await tf(ws, ['plan', '-no-color', '-out', 'sets.tfplan']);
  expect(plan.stderr).toBe('');
  expect(plan.code).toBe(0);
  expect(plan.stdout).toMatch(/sps_user_list\.ops will be (created|updated in-place)/);
  await tfOk(ws, ['apply', 'sets.tfplan']);

  const shown = JSON.parse((await tfOk(ws, ['show', '-json'])).stdout);
  const list = shown.values.root_module.resources.find((r: { address: string }) => r.address === 'sps_user_list.ops');
  const expected = [...names, 'alice'].sort();
  expect([...list.values.except].sort()).toEqual(expected);
  const admin = await adminSession(simulator.url);
  expect([...(await admin.body(`${USER_LISTS}/${list.values.id}`)).except].sort()).toEqual(expected);
  await tfOk(ws, ['plan', '-detailed-exitcode'], 0);
});
