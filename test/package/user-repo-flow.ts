/**
 * The README's quick start for one flavour (cdktf or cdktn), end to end against the simulator:
 * synth and diff, deploy, a clean second diff, destroy — with the published CLIs, the packed
 * package, and nothing written outside the project; with cdktf, then the README's recipe for the
 * pull-request report.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SimulatorHandle } from '../../src/simulator';
import { adminSession, startTestSimulator } from '../support/simulator';
import { bash, createUserRepo, filesUnder, readmeBlock, runCommands, type UserRepo, userEnv } from './user-repo';
import { deadline } from '../support/wait';

const USER_LISTS = '/api/configuration/policies/userlists';
const POLICIES = '/api/configuration/http/connections';

export function describeUserRepo(flavour: 'cdktf' | 'cdktn', cli: string): void {
  jest.setTimeout(deadline(900_000));
  let simulator: SimulatorHandle;
  let repo: UserRepo;

  beforeAll(async () => {
    simulator = await startTestSimulator();
    repo = await createUserRepo(flavour);
  });
  afterAll(async () => {
    repo?.cleanup();
    await simulator?.close();
  });

  /** The names of the committed objects in a collection, as another administrator sees them. */
  const names = async (path: string): Promise<string[]> => (await adminSession(simulator.url)).names(path);

  it(`${cli} diff, deploy, a clean diff and destroy work as the README shows, offline and with no extra flags`, async () => {
    const env = userEnv(repo, simulator.url);
    const [diff, deploy, second] = await runCommands(repo, flavour, env, (command) => !command.includes('destroy'));
    for (const step of [diff, deploy, second]) expect({ command: step?.command, code: step?.code, output: step?.code === 0 ? '' : step?.output }).toEqual({ command: expect.any(String), code: 0, output: '' });
    expect(diff.command).toBe(`npx ${cli} diff`);
    expect(diff.output).toMatch(/Plan: 3 to add, 0 to change, 0 to destroy/);
    expect(deploy.output).toMatch(/Apply complete! Resources: 3 added/);
    expect(second.output).toMatch(/No changes/);
    // No registry was asked: the provider came from the mirror, and cdktf's lock step was skipped.
    expect(diff.output).toMatch(/Installed sps-iac\/sps v0\.1\.0/);
    expect(diff.output).not.toMatch(/Could not retrieve providers for locking|Fetching sps-iac\/sps/);

    expect(await names(USER_LISTS)).toEqual(expect.arrayContaining(['deployers', 'no_root_logins']));
    expect(await names(POLICIES)).toContain('intranet_portal');
    expect(simulator.commits().map((c) => c.message)).toContain('https://git.example.com/pr/42');

    const [destroy] = await runCommands(repo, flavour, env, (command) => command.includes('destroy'));
    expect({ code: destroy.code, output: destroy.code === 0 ? '' : destroy.output }).toEqual({ code: 0, output: '' });
    expect(await names(USER_LISTS)).not.toEqual(expect.arrayContaining(['deployers']));
    expect(await names(POLICIES)).not.toContain('intranet_portal');

    // Nothing outside the project: the empty HOME the commands ran with is still empty
    // (no ~/.terraform.d plugin cache, no ~/.terraformrc, no provider code cache).
    expect(filesUnder(repo.home)).toEqual([]);
  });

  if (flavour !== 'cdktf') return;

  it('the README\'s pull-request report recipe, run as written, reports what cdktf would change', async () => {
    const recipe = readmeBlock(flavour, 'pr-report');
    expect(recipe).toMatch(/^export CHECKPOINT_DISABLE=1 /m);
    const result = await bash(recipe, repo.project, userEnv(repo, simulator.url));
    expect({ code: result.code, output: result.code === 0 ? '' : result.output }).toEqual({ code: 0, output: '' });
    const report = readFileSync(join(repo.project, 'report.md'), 'utf8');
    // The appliance is empty again after the destroy above: the quick start's three objects are to be added.
    expect(report).toContain('Plan: 3 to add, 0 to change, 0 to destroy.');
    for (const name of ['deployers', 'no_root_logins', 'intranet_portal']) expect(report).toContain(name);
    expect(report).not.toContain('admin:admin');
    expect(filesUnder(repo.home)).toEqual([]);
  });
}
