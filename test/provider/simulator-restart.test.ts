/**
 * The appliance restarts in the middle of an apply (the simulator as a separate process with
 * --state): committed configuration survives, the open transaction and sessions do not, and the
 * provider logs in again and re-applies its group, so state and appliance agree.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { adminSession } from '../support/simulator';
import { makeWorkspace, PROVIDER_BLOCK, tfOk } from '../support/terraform';

jest.setTimeout(120_000);

const SIMULATOR = join(__dirname, '../../dist/bin/sps-simulator.js');
const statePath = join(mkdtempSync(join(tmpdir(), 'sps-restart-')), 'state.json');

function startSimulatorProcess(port: number): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [SIMULATOR, '--port', String(port), '--state', statePath, '--quiet'], { stdio: ['ignore', 'pipe', 'ignore'] });
  return new Promise((resolve) => child.stdout!.once('data', (chunk) => resolve({ child, url: String(chunk).split('\n')[0].replace('sps-simulator listening on ', '') })));
}

it('converges when the simulator restarts mid-apply', async () => {
  let simulator = await startSimulatorProcess(0);
  const port = Number(new URL(simulator.url).port);
  const ws = makeWorkspace({
    files: {
      'provider.tf': `${PROVIDER_BLOCK}\nprovider "sps" {\n  url = "${simulator.url}"\n  username = "admin"\n  password = "admin"\n}\n`,
      'main.tf': Array.from({ length: 4 }, (_, i) => `resource "sps_user_list" "l${i}" {\n  name  = "list-${i}"\n  allow = "no_user"\n}\n`).join('\n'),
    },
  });
  try {
    await tfOk(ws, ['init', '-input=false']);
    // Hold the writes back for a moment, and restart the appliance while they wait.
    await fetch(`${simulator.url}/_simulator/faults`, {
      method: 'POST',
      headers: { authorization: `Basic ${Buffer.from('admin:admin').toString('base64')}`, 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'delay', delayMs: 1500, method: 'POST', path: '/api/configuration/policies/userlists', count: 4 }),
    });
    const apply = tfOk(ws, ['apply', '-auto-approve']);
    await new Promise((resolve) => setTimeout(resolve, 2500));
    simulator.child.kill('SIGKILL');
    simulator = await startSimulatorProcess(port);
    await apply;
    const shown = JSON.parse((await tfOk(ws, ['show', '-json'])).stdout);
    const inState = shown.values.root_module.resources.map((r: any) => r.values.id).sort();
    const admin = await adminSession(simulator.url);
    const keys = (await admin.call('GET', '/api/configuration/policies/userlists')).json.items.map((i: any) => i.key).filter((k: string) => !k.startsWith('-')).sort();
    expect(keys).toEqual(inState);
    expect(keys).toHaveLength(4);
    await tfOk(ws, ['plan', '-detailed-exitcode'], 0);
  } finally {
    simulator.child.kill();
    ws.cleanup();
  }
});
