// npm run demo: the whole product on one machine, no network, no appliance, walking the path a
// platform engineer's CI walks: install the provider with sps-install-provider, start the
// simulator, `cdktf diff` the GitOps example (examples/gitops), `cdktf deploy` it, open a pull
// request that removes one operator from the access chain's user list and render its PR report
// with sps-plan-report, merge (deploy) it, change the appliance behind Terraform's back, show that
// `cdktf diff` sees it, deploy again, and check that the next diff is clean. Writes only inside
// the repository (.demo/, cdktf.out/).
import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { request } from 'undici';

const repoRoot = join(fileURLToPath(import.meta.url), '../..');
const started = Date.now();
const demoDir = join(repoRoot, '.demo');
const stackDir = join(repoRoot, 'cdktf.out/stacks/appliance');
const step = (text) => console.log(`\n\x1b[1m▶ ${text}\x1b[0m`);

step('1/7 build the provider and install it with sps-install-provider (into .demo/provider)');
execFileSync('npm', ['run', '--silent', 'build'], { cwd: repoRoot, stdio: 'inherit' });
// A fresh start, as in CI: no earlier state, and no lock file recorded for another build of the provider.
rmSync(demoDir, { recursive: true, force: true });
rmSync(stackDir, { recursive: true, force: true });
mkdirSync(demoDir, { recursive: true });
execFileSync(process.execPath, [join(repoRoot, 'dist/bin/sps-install-provider.js'), '--dir', join(demoDir, 'provider')], { cwd: repoRoot, stdio: 'inherit' });

step('2/7 start the embedded SPS simulator');
const simulator = spawn(process.execPath, [join(repoRoot, 'dist/bin/sps-simulator.js'), '--port', '0', '--quiet', '--state', join(demoDir, 'simulator-state.json')], {
  stdio: ['ignore', 'pipe', 'inherit'],
});
const url = await new Promise((resolve, reject) => {
  simulator.once('exit', (code) => reject(new Error(`the simulator exited (${code})`)));
  simulator.stdout.once('data', (chunk) => resolve(String(chunk).split('\n')[0].replace('sps-simulator listening on ', '')));
});
console.log(`simulator: ${url}`);

const env = {
  ...process.env,
  TF_CLI_CONFIG_FILE: join(demoDir, 'provider/terraformrc'),
  // cdktf otherwise creates ~/.terraform.d/plugin-cache; nothing of the demo leaves the repository.
  CDKTF_DISABLE_PLUGIN_CACHE_ENV: '1',
  CHECKPOINT_DISABLE: '1',
  TF_IN_AUTOMATION: '1',
  SPS_URL: url,
  SPS_USERNAME: 'admin',
  SPS_PASSWORD: 'admin',
  SPS_COMMIT_MESSAGE: 'npm run demo',
  SPS_LOCAL_STATE: join(demoDir, 'appliance.tfstate'),
};
const cdktf = (...args) => execFileSync('npx', ['cdktf', ...args], { cwd: repoRoot, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
/** The app cdktf synthesizes: the example as committed (cdktf.json), then the pull request's version of it. */
let app = [];
/**
 * cdktf diff has no detailed exit code: read the plan's summary line.
 * `synth: false` plans the cdk.tf.json of the last synth when the code has not changed since (a
 * synth costs the demo about 10 s of CPU; CI synthesizes on every run, to the same JSON).
 */
const diff = ({ synth = true } = {}) => {
  const output = cdktf('diff', 'appliance', '--no-color', ...(synth ? app : ['--skip-synth']));
  process.stdout.write(output);
  if (/No changes\./.test(output)) return 'no changes';
  const summary = output.match(/Plan: \d+ to add, \d+ to change, \d+ to destroy/);
  if (!summary) throw new Error('cdktf diff printed no plan summary');
  return summary[0];
};
/** Every deploy follows a diff of the same code, so it deploys what that diff synthesized. */
const deploy = () => process.stdout.write(cdktf('deploy', 'appliance', '--auto-approve', '--no-color', '--skip-synth'));
const auth = { authorization: `Basic ${Buffer.from('admin:admin').toString('base64')}` };
/**
 * One request to the simulator on a connection of its own ("Connection: close"). The demo blocks
 * its event loop in execFileSync (cdktf, terraform) for longer than a keep-alive timeout, so a
 * pooled connection may have been closed by the server while this process could not notice (the
 * EPIPE seen under load); a connection per request is never stale, and the demo makes only a few.
 */
const call = async (method, path, { headers = {}, body } = {}) => {
  const response = await request(`${url}${path}`, { method, headers, body, reset: true });
  const text = await response.body.text();
  if (response.statusCode >= 300) throw new Error(`${method} ${path} answered ${response.statusCode}: ${text}`);
  return { headers: response.headers, json: text ? JSON.parse(text) : undefined };
};
const control = async (path) => (await call('GET', `/_simulator/${path}`, { headers: auth })).json;

try {
  step('3/7 cdktf diff: synthesize the GitOps example (examples/gitops/main.ts) and plan it, as CI does on a pull request');
  const firstPlan = diff();

  step('4/7 cdktf deploy, as CI does on merge (objects that Terraform applies together share one appliance commit)');
  deploy();

  step('5/7 a pull request removes "carol" from the operators; CI plans it and renders the PR report with sps-plan-report');
  // The pull request's version of the example, beside the committed one (the same relative path to dist/).
  const example = join(repoRoot, 'examples/gitops');
  const branch = join(demoDir, 'pull-request');
  mkdirSync(branch);
  for (const file of ['tsconfig.json', 'tsconfig.in-repo.json']) copyFileSync(join(example, file), join(branch, file));
  const committed = readFileSync(join(example, 'main.ts'), 'utf8');
  const [before, after] = ["users: ['alice', 'bob', 'carol']", "users: ['alice', 'bob']"];
  const changedLine = committed.split('\n').find((line) => line.includes(before));
  if (committed.split(before).length !== 2) throw new Error(`examples/gitops/main.ts should hold ${before} once (the operators)`);
  writeFileSync(join(branch, 'main.ts'), committed.replace(before, after));
  console.log(`--- examples/gitops/main.ts\n+++ examples/gitops/main.ts (pull request)\n-${changedLine}\n+${changedLine.replace(before, after)}`);
  const tsconfig = relative(repoRoot, join(branch, 'tsconfig.in-repo.json'));
  app = ['--app', `npx tsc -p ${tsconfig} && npx tsx --tsconfig ${tsconfig} ${relative(repoRoot, join(branch, 'main.ts'))}`];
  // As the example workflow's plan job: the saved plan as JSON and the report from it, with
  // Terraform's own text of the plan folded in (cdktf's output also holds its progress lines).
  const prPlan = diff();
  const show = (...args) => execFileSync('terraform', ['show', ...args, 'plan'], { cwd: stackDir, env, encoding: 'utf8', maxBuffer: 64 << 20 });
  writeFileSync(join(demoDir, 'plan.txt'), show('-no-color'));
  writeFileSync(join(demoDir, 'plan.json'), show('-json'));
  const report = execFileSync(process.execPath, [join(repoRoot, 'dist/bin/sps-plan-report.js'), '--stack', 'appliance', '--plan-text', join(demoDir, 'plan.txt'), join(demoDir, 'plan.json')], { env, encoding: 'utf8' });
  console.log(`\n\x1b[1mThe PR comment (report.md):\x1b[0m\n${report}`);
  // The report must say what the pull request changes: one object, one name out of its list.
  const changed = [...report.matchAll(/```diff\n([\s\S]*?)```/g)].flatMap((m) => m[1].split('\n').filter((line) => /^[-+]/.test(line)));
  if (!report.includes('Plan: 0 to add, 1 to change, 0 to destroy.') || JSON.stringify(changed) !== JSON.stringify(['-   "carol"'])) {
    throw new Error(`the PR report should show one change, the name "carol" removed from the operators; its diff lines: ${JSON.stringify(changed)}`);
  }

  step('6/7 the pull request is merged: cdktf deploy; the operators list is shorter, and the channel policies still name it');
  deploy();
  const login = await call('GET', '/api/authentication', { headers: auth });
  const cookie = String(login.headers['set-cookie']).split(';')[0];
  const state = JSON.parse(execFileSync('terraform', ['show', '-json'], { cwd: stackDir, env, encoding: 'utf8' }));
  const managed = (type, name) => state.values.root_module.resources.find((r) => r.type === type && r.values.name === name).values;
  const stored = async (path) => (await call('GET', path, { headers: { cookie } })).json.body;
  const operators = await stored(`/api/configuration/policies/userlists/${managed('sps_user_list', 'operators').id}`);
  const shell = await stored(`/api/configuration/ssh/channel_policies/${managed('sps_ssh_channel_policy', 'operators_shell').id}`);
  const rule = shell.rules[0];
  console.log(`operators on the appliance: ${JSON.stringify(operators.except)}; operators_shell's ${rule.channel} rule: remote_groups ${JSON.stringify(rule.allowed_for.remote_groups)}, time policy ${rule.time_policy.key}`);
  if (JSON.stringify(operators.except) !== JSON.stringify(['alice', 'bob'])) throw new Error('the merged pull request did not shorten the operators list');
  if (JSON.stringify(rule.allowed_for.remote_groups) !== '["operators"]' || rule.time_policy.key !== managed('sps_time_policy', 'office_hours').id) {
    throw new Error('operators_shell does not allow the operators during office hours');
  }

  step('7/7 someone edits a user list in the web UI; cdktf diff shows the drift, cdktf deploy repairs it, and the next diff is clean');
  const path = `/api/configuration/policies/userlists/${managed('sps_user_list', 'deployers').id}`;
  const json = { cookie, 'content-type': 'application/json' };
  await call('PUT', path, { headers: json, body: JSON.stringify({ name: 'deployers', allow: 'no_user', except: ['deploy', 'release-bot', 'mallory'] }) });
  await call('PUT', '/api/transaction', { headers: json, body: JSON.stringify({ status: 'commit', commit_message: 'edited in the web UI' }) });
  console.log('added "mallory" to the user list "deployers" outside Terraform');
  const driftPlan = diff({ synth: false });
  if (driftPlan === 'no changes') throw new Error('expected cdktf diff to show the drift');
  deploy();
  if (diff({ synth: false }) !== 'no changes') throw new Error('the diff after deploying again is not empty');

  const counters = await control('counters');
  const { commits } = await control('commits');
  const types = state.values.root_module.resources.filter((r) => r.mode === 'managed').map((r) => r.type.replace(/^sps_/, ''));
  const counts = [...new Set(types)].map((type) => `${types.filter((t) => t === type).length} ${type}`).join(', ');
  console.log(`\n\x1b[1mSummary\x1b[0m
  first plan: ${firstPlan}; the pull request: ${prPlan}, reported as one name removed from "operators"; after the web UI edit: ${driftPlan}
  objects managed: ${types.length} (${counts})
  appliance commits: ${counters.commits} (${commits.map((c) => `"${c.message}"`).join(', ')})
  logins: ${counters.logins} (one per provider process that talked to the appliance)
  drift detected and repaired: yes
  time: ${((Date.now() - started) / 1000).toFixed(1)} s
  state and simulator data: ${demoDir}`);
} finally {
  simulator.kill();
}
