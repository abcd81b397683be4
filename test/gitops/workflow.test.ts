/**
 * The example GitOps workflow (examples/gitops/.github/workflows/sps.yml) run the way fresh CI
 * runners run it: each job starts from a new checkout with nothing but the repository, its
 * `run:` steps are executed as written (secrets and GitHub expressions substituted), GITHUB_ENV
 * carries values between steps, and only what the workflow persists survives a run: the state,
 * in PostgreSQL. A pull request plans and reports; two merges deploy once and then change nothing.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { SimulatorHandle } from '../../src/simulator';
import { bash, packPackage } from '../package/user-repo';
import { repoRoot } from '../support/paths';
import { adminSession, startTestSimulator } from '../support/simulator';
import { isolatedUserEnvironment } from '../support/user-environment';
import { deadline } from '../support/wait';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startThrowawayPostgres } = require('../../scripts/lib/throwaway-postgres.cjs');

jest.setTimeout(deadline(900_000));

const EXAMPLE = join(repoRoot, 'examples/gitops');
interface Step {
  name?: string;
  uses?: string;
  run?: string;
}
interface Workflow {
  env: Record<string, string>;
  jobs: Record<string, { steps: Step[] }>;
}

let base: string;
let repository: string;
let simulator: SimulatorHandle;
let pg: { connStr: string; stateSchemas(): string[]; stop(): Promise<void> };

beforeAll(async () => {
  base = mkdtempSync(join(tmpdir(), 'sps-gitops-'));
  pg = await startThrowawayPostgres();
  simulator = await startTestSimulator({ tls: true });
  // The platform team's repository: the example as shipped, with the release's package tarball
  // beside its package.json (as the README says); its lock file and node_modules are what
  // `npm ci` gives every runner.
  repository = join(base, 'repository');
  cpSync(EXAMPLE, repository, { recursive: true });
  packPackage(repository);
  const installed = await bash('npm install --no-audit --no-fund', repository, { ...process.env, npm_config_update_notifier: 'false' });
  if (installed.code !== 0) throw new Error(`npm install failed:\n${installed.output}`);
});
afterAll(async () => {
  await simulator?.close();
  await pg?.stop();
  rmSync(base, { recursive: true, force: true });
});

/** GitHub's textual substitution of `${{ … }}` in the workflow, for one event. */
function substitute(text: string, secrets: Record<string, string>, event: 'pull_request' | 'push'): string {
  return text.replace(/\$\{\{\s*([\s\S]*?)\s*\}\}/g, (_all, expression: string) => {
    const secret = /^secrets\.(\w+)$/.exec(expression);
    if (secret) return secrets[secret[1]] ?? '';
    if (expression.startsWith('github.event.pull_request.html_url')) return event === 'pull_request' ? 'https://github.example/acme/sps/pull/7' : 'https://github.example/acme/sps/commit/abc123';
    throw new Error(`the test does not know the expression \${{ ${expression} }}`);
  });
}

/** One job on a fresh runner: a new checkout, the steps in order, GITHUB_ENV between them. */
async function runJob(job: string, event: 'pull_request' | 'push'): Promise<{ outputs: string[]; workspace: string }> {
  const workflow = parse(readFileSync(join(EXAMPLE, '.github/workflows/sps.yml'), 'utf8')) as Workflow;
  const secrets = { PG_CONN_STR: pg.connStr, SPS_URL: simulator.url, SPS_USERNAME: 'admin', SPS_PASSWORD: 'admin', SPS_CA_PEM: simulator.caPem! };
  const runner = mkdtempSync(join(base, `runner-${job}-`));
  const workspace = join(runner, 'work');
  const runnerTemp = join(runner, 'temp');
  const home = join(runner, 'home');
  mkdirSync(runnerTemp);
  mkdirSync(home);
  const githubEnv = join(runnerTemp, 'github_env');
  writeFileSync(githubEnv, '');
  // A runner's environment: nothing of this process's but PATH.
  let env = isolatedUserEnvironment(
    home,
    {
      GITHUB_ACTIONS: 'true',
      GITHUB_ENV: githubEnv,
      RUNNER_TEMP: runnerTemp,
      ...Object.fromEntries(Object.entries(workflow.env).map(([name, value]) => [name, substitute(String(value), secrets, event)])),
    },
    { PATH: process.env.PATH },
  );
  const outputs: string[] = [];
  for (const step of workflow.jobs[job].steps) {
    if (step.uses?.startsWith('actions/checkout')) {
      cpSync(repository, workspace, { recursive: true, filter: (source) => !source.includes('/node_modules') });
      continue;
    }
    if (step.uses?.startsWith('marocchino/sticky-pull-request-comment')) {
      outputs.push(`comment:\n${readFileSync(join(workspace, 'report.md'), 'utf8')}`);
      continue;
    }
    if (step.uses) continue; // setup-node, setup-terraform: this machine's node and terraform
    const command = substitute(step.run!, secrets, event);
    if (command.trim() === 'npm ci') {
      // The one substitution: what `npm ci` installs from the committed lock file, prepared once.
      symlinkSync(join(repository, 'node_modules'), join(workspace, 'node_modules'));
      continue;
    }
    const result = await bash(command, workspace, env);
    outputs.push(result.output);
    if (result.code !== 0) throw new Error(`step "${step.name ?? command}" of ${job} failed (${result.code}):\n${result.output}`);
    // As the runner does: lines appended to GITHUB_ENV become environment variables of later steps.
    for (const line of readFileSync(githubEnv, 'utf8').split('\n').filter(Boolean)) {
      const at = line.indexOf('=');
      env = { ...env, [line.slice(0, at)]: line.slice(at + 1) };
    }
  }
  // Nothing outside the runner's workspace and temp: its HOME stays empty.
  expect(execFileSync('find', [home, '-type', 'f'], { encoding: 'utf8' })).toBe('');
  return { outputs, workspace };
}

async function names(path: string): Promise<string[]> {
  return (await adminSession(simulator.url, 'admin', 'admin', simulator.caPem)).names(path);
}

it('a pull request plans and comments; the first merge deploys; the second, on another fresh runner, changes nothing', async () => {
  const plan = await runJob('plan', 'pull_request');
  const comment = plan.outputs.find((output) => output.startsWith('comment:'))!;
  expect(comment).toMatch(/11 to add/);
  expect(comment).not.toMatch(/admin:admin/);
  expect(await names('/api/configuration/policies/userlists')).toEqual([]);

  const first = await runJob('deploy', 'push');
  expect(first.outputs.join('\n')).toMatch(/Apply complete! Resources: 11 added, 0 changed, 0 destroyed/);
  expect(existsSync(join(first.workspace, 'terraform.appliance.tfstate'))).toBe(false);
  expect(pg.stateSchemas()).toEqual(['sps_appliance']);
  // One commit per wave of objects Terraform applies together (the access chain's references make several), each with the merge's URL.
  const commits = simulator.commits().map((commit) => commit.message);
  expect(new Set(commits)).toEqual(new Set(['https://github.example/acme/sps/commit/abc123']));

  const second = await runJob('deploy', 'push');
  expect(second.outputs.join('\n')).toMatch(/No changes/);
  expect(await names('/api/configuration/policies/userlists')).toEqual(['database_admins', 'deployers', 'no_root_logins', 'operators']);
  expect(await names('/api/configuration/http/connections')).toEqual(['http_proxy', 'intranet_portal']);
  // The access chain: the operators' list and office hours in an SSH and an HTTP channel policy, each used by a connection policy.
  expect(await names('/api/configuration/policies/time_policies')).toContain('office_hours');
  expect(await names('/api/configuration/ssh/channel_policies')).toContain('operators_shell');
  expect(await names('/api/configuration/http/channel_policies')).toContain('operators_web');
  expect(await names('/api/configuration/ssh/connections')).toEqual(['linux_servers']);
  expect(await names('/api/configuration/aaa/api_clients')).toEqual(['siem-log-export']);
  expect(simulator.commits().map((commit) => commit.message)).toEqual(commits);
});
