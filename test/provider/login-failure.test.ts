/**
 * A wrong password through the real terraform CLI: the failed login is told once, under a summary
 * that says what failed, and is not repeated (nor retried) for every resource of the plan.
 */
import type { SimulatorHandle } from '../../src/simulator';
import { startTestSimulator } from '../support/simulator';
import { makeWorkspace, PROVIDER_BLOCK, tf, tfOk, type Workspace } from '../support/terraform';
import { deadline } from '../support/wait';

jest.setTimeout(deadline(180_000));

const PASSWORD = 'Wr0ng-pw-zz9-unique';
let simulator: SimulatorHandle;
let ws: Workspace;

beforeAll(async () => {
  simulator = await startTestSimulator();
});
afterAll(async () => {
  ws?.cleanup();
  await simulator.close();
});

const userLists = ['a', 'b', 'c', 'd', 'e'].map((name) => `resource "sps_user_list" "${name}" {\n  name  = "ops_${name}"\n  allow = "no_user"\n}\n`).join('\n');
const boxDrawing = (text: string) => text.replace(/[│╷╵]/g, ' ').replace(/\s+/g, ' ');

/** The failed login told once in `output` (whose box drawing is gone), every resource of the five reported. */
function expectToldOnce(result: { code: number; stdout: string; stderr: string }): void {
  const output = boxDrawing(result.stdout + result.stderr);
  expect(result.code).toBe(1);
  expect(output).not.toContain(PASSWORD);
  expect(output).not.toContain('SPS provider error');
  expect([...output.matchAll(/Error: Login to SPS failed/g)]).toHaveLength(1);
  expect(output).toMatch(
    new RegExp(`Error: Login to SPS failed with sps_user_list\\.[a-e], .*? Logging in to SPS at ${simulator.url} as user "admin" failed: GET /api/authentication answered 401 Unauthenticated: Invalid username or password\\. Check username and password of user "admin"\\.`),
  );
  // The appliance's reason is told once; every other resource points to it.
  expect([...output.matchAll(/Invalid username or password/g)]).toHaveLength(1);
  expect([...output.matchAll(/Error: Not attempted: the login to SPS failed with sps_user_list\.[a-e], .*? The error "Login to SPS failed" says why\./g)]).toHaveLength(4);
  expect([...output.matchAll(/with (sps_user_list\.[a-e]),/g)].map((m) => m[1]).sort()).toEqual(['a', 'b', 'c', 'd', 'e'].map((name) => `sps_user_list.${name}`));
}

describe('a wrong password for five user lists: one "Login to SPS failed" with URL, user and reason, short pointers for the rest, one login attempt', () => {
  beforeAll(async () => {
    ws = makeWorkspace({
      files: { 'provider.tf': `${PROVIDER_BLOCK}\nprovider "sps" {\n  url      = "${simulator.url}"\n  username = "admin"\n}\n`, 'main.tf': userLists },
      env: { SPS_PASSWORD: PASSWORD },
    });
    await tfOk(ws, ['init', '-input=false']);
  });

  it('planning the creates', async () => {
    simulator.resetCounters();
    expectToldOnce(await tf(ws, ['plan', '-no-color']));
    // No login storm: the first failure is remembered for the rest of the process.
    expect(simulator.counters().requests['GET /api/authentication']).toBe(1);
  });

  it('refreshing them once they exist', async () => {
    await tfOk(ws, ['apply', '-auto-approve'], 0, { env: { SPS_PASSWORD: 'admin' } });
    simulator.resetCounters();
    expectToldOnce(await tf(ws, ['plan', '-no-color']));
    expect(simulator.counters().requests['GET /api/authentication']).toBe(1);
  });
});
