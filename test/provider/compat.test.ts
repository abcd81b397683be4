/**
 * A state written by release 0.1.0 plans clean with this provider: the fixture was applied with
 * the 0.1.0 build (test/fixtures/compat-0.1.0/README.md); here the same configuration, state and
 * appliance configuration are planned with the current build, with the real terraform CLI.
 */
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SimulatorHandle } from '../../src/simulator';
import { startTestSimulator } from '../support/simulator';
import { makeWorkspace, tfOk, type Workspace } from '../support/terraform';
import { deadline } from '../support/wait';

const FIXTURE = join(__dirname, '..', 'fixtures', 'compat-0.1.0');

jest.setTimeout(deadline(180_000));

let simulator: SimulatorHandle;
let workspace: Workspace;
let stateDir: string;

beforeAll(async () => {
  stateDir = mkdtempSync(join(tmpdir(), 'sps-compat-'));
  copyFileSync(join(FIXTURE, 'sim-state.json'), join(stateDir, 'sim-state.json'));
  simulator = await startTestSimulator({ statePath: join(stateDir, 'sim-state.json') });
  const files = Object.fromEntries(readdirSync(FIXTURE).filter((file) => file.endsWith('.tf')).map((file) => [file, readFileSync(join(FIXTURE, file), 'utf8')]));
  // Kept under another name: the repository ignores *.tfstate.
  files['terraform.tfstate'] = readFileSync(join(FIXTURE, 'state-0.1.0.json'), 'utf8');
  workspace = makeWorkspace({ files, env: { SPS_URL: simulator.url, SPS_USERNAME: 'admin', SPS_PASSWORD: 'admin' } });
  await tfOk(workspace, ['init', '-input=false']);
});

afterAll(async () => {
  workspace?.cleanup();
  await simulator?.close();
  rmSync(stateDir, { recursive: true, force: true });
});

it('plans a state written by release 0.1.0 with no changes', async () => {
  const state = JSON.parse(readFileSync(join(workspace.dir, 'terraform.tfstate'), 'utf8'));
  expect(state.resources.filter((r: { mode: string }) => r.mode === 'managed')).toHaveLength(8);
  const plan = await tfOk(workspace, ['plan', '-detailed-exitcode'], 0);
  expect(plan.stdout).toMatch(/No changes/);
});
