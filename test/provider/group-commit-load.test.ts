/**
 * Group commit through the real terraform CLI on a busy machine: N creates at -parallelism P cost
 * at most 2 × ceil(N/P) commits while every core also runs a CPU-burning process, because a group
 * follows Terraform's calls in flight, not a wall-clock window. Commits are counted, never timed.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { cpus } from 'node:os';
import type { SimulatorHandle } from '../../src/simulator';
import { startTestSimulator } from '../support/simulator';
import { makeWorkspace, PROVIDER_BLOCK, tf, tfOk, type Workspace } from '../support/terraform';
import { deadline } from '../support/wait';

jest.setTimeout(deadline(600_000));

// Wide and large enough that, on a busy machine, Terraform takes longer to fill the slots a commit
// freed than the one-second window that group commit used to wait (27 commits then, 10 now).
const CREATES = 500;
const PARALLELISM = 50;

let simulator: SimulatorHandle;
let ws: Workspace;
let burners: ChildProcess[] = [];

beforeEach(async () => {
  simulator = await startTestSimulator();
  ws = makeWorkspace({ files: { 'provider.tf': `${PROVIDER_BLOCK}\nprovider "sps" {\n  url      = "${simulator.url}"\n  username = "admin"\n  password = "admin"\n}\n` } });
  await tfOk(ws, ['init', '-input=false']);
});
afterEach(async () => {
  stopBurning();
  ws.cleanup();
  await simulator.close();
});

/** One busy loop per core, in processes of their own, until stopBurning(). */
function burnEveryCore(): void {
  burners = cpus().map(() => spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }));
}

function stopBurning(): void {
  for (const burner of burners.splice(0)) burner.kill();
}

/** Half user lists, half HTTP connection policies (which reference built-in policies), as the benchmark applies. */
function resources(count: number): string {
  return Array.from({ length: count }, (_, i) =>
    i % 2 === 0
      ? `resource "sps_user_list" "r${i}" {\n  name   = "list-${i}"\n  allow  = "no_user"\n  except = ["user${i}"]\n}\n`
      : `resource "sps_http_connection_policy" "r${i}" {\n  name = "policy-${i}"\n  network = { clients = ["10.0.0.0/8"], targets = ["10.1.${i % 250}.1"], ports = [443] }\n  server_address = { selection = "fix", address = "app${i}.example.com", port = 8443 }\n  policies = { channel_policy = "-304001002", settings = "-3040010", audit_policy = "-10000", authentication_policy = "-304002001" }\n}\n`,
  ).join('\n');
}

it(`${CREATES} creates at parallelism ${PARALLELISM} cost at most 2 × ceil(N/P) commits while every core is busy`, async () => {
  ws.write({ 'main.tf': resources(CREATES) });
  burnEveryCore();
  const apply = await tf(ws, ['apply', '-auto-approve', '-no-color', '-input=false', `-parallelism=${PARALLELISM}`], { timeoutMs: deadline(540_000) });
  stopBurning();
  expect(apply.stderr).toBe('');
  expect(apply.code).toBe(0);
  const budget = 2 * Math.ceil(CREATES / PARALLELISM);
  expect(simulator.counters().commits).toBeLessThanOrEqual(budget);
  const shown = JSON.parse((await tfOk(ws, ['show', '-json'])).stdout);
  expect(shown.values.root_module.resources).toHaveLength(CREATES);
});
