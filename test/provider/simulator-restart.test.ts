/**
 * The appliance restarts in the middle of an apply (the simulator as a separate process with
 * --state): committed configuration survives, the open transaction and sessions do not, and the
 * provider logs in again and re-applies its group, so state and appliance agree.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SIMULATOR_BIN, startListening, type StartedCommand } from '../simulator/processes';
import { RestSession } from '../support/rest-session';
import { adminSession } from '../support/simulator';
import { makeWorkspace, PROVIDER_BLOCK, tfOk } from '../support/terraform';
import { deadline, waitFor } from '../support/wait';

jest.setTimeout(deadline(120_000));

const USER_LISTS = '/api/configuration/policies/userlists';
const stateDir = mkdtempSync(join(tmpdir(), 'sps-restart-'));
afterAll(() => rmSync(stateDir, { recursive: true, force: true }));

function startSimulatorProcess(port: number): Promise<StartedCommand> {
  return startListening(process.execPath, [SIMULATOR_BIN, '--port', String(port), '--state', join(stateDir, 'state.json'), '--quiet']);
}

it('converges when the simulator restarts mid-apply', async () => {
  let simulator = await startSimulatorProcess(0);
  const ws = makeWorkspace({
    files: {
      'provider.tf': `${PROVIDER_BLOCK}\nprovider "sps" {\n  url = "${simulator.url}"\n  username = "admin"\n  password = "admin"\n}\n`,
      'main.tf': Array.from({ length: 4 }, (_, i) => `resource "sps_user_list" "l${i}" {\n  name  = "list-${i}"\n  allow = "no_user"\n}\n`).join('\n'),
    },
  });
  try {
    await tfOk(ws, ['init', '-input=false']);
    // Hold the writes back until the restart (which ends them), and restart the appliance once one is held.
    const control = new RestSession(simulator.url);
    const held = await control.raw('POST', '/_simulator/faults', { basic: 'admin:admin', body: JSON.stringify({ kind: 'delay', delayMs: 600_000, method: 'POST', path: USER_LISTS, count: 4 }) });
    expect(held.status).toBe(200);
    const apply = tfOk(ws, ['apply', '-auto-approve']);
    let counters: { requests: Record<string, number>; commits: number } | undefined;
    await waitFor('the simulator holds back a write of the apply', async () => {
      counters = (await control.raw('GET', '/_simulator/counters', { basic: 'admin:admin' })).json;
      return (counters!.requests[`POST ${USER_LISTS}`] ?? 0) > 0;
    });
    expect(counters!.commits).toBe(0);
    const killed = new Promise((resolve) => simulator.child.once('exit', resolve));
    simulator.child.kill('SIGKILL');
    await killed; // its port is free again
    simulator = await startSimulatorProcess(simulator.port);
    await apply;
    const shown = JSON.parse((await tfOk(ws, ['show', '-json'])).stdout);
    const inState = shown.values.root_module.resources.map((r: any) => r.values.id).sort();
    const admin = await adminSession(simulator.url);
    const keys = (await admin.customKeys(USER_LISTS)).sort();
    expect(keys).toEqual(inState);
    expect(keys).toHaveLength(4);
    await tfOk(ws, ['plan', '-detailed-exitcode'], 0);
  } finally {
    simulator.child.kill();
    ws.cleanup();
  }
});
