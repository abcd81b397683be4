// npm run demo: the whole product on one machine, no network, no appliance, walking the path a
// platform engineer's CI walks: install the provider with sps-install-provider, start the
// simulator, `cdktf diff` the GitOps example (examples/gitops), `cdktf deploy` it, change the
// appliance behind Terraform's back, show that `cdktf diff` sees it, deploy again, and check that
// the next diff is clean. Writes only inside the repository (.demo/, cdktf.out/).
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { request } from 'undici';

const repoRoot = join(fileURLToPath(import.meta.url), '../..');
const started = Date.now();
const demoDir = join(repoRoot, '.demo');
const stackDir = join(repoRoot, 'cdktf.out/stacks/appliance');
const step = (text) => console.log(`\n\x1b[1m▶ ${text}\x1b[0m`);

step('1/6 build the provider and install it with sps-install-provider (into .demo/provider)');
execFileSync('npm', ['run', '--silent', 'build'], { cwd: repoRoot, stdio: 'inherit' });
// A fresh start, as in CI: no earlier state, and no lock file recorded for another build of the provider.
rmSync(demoDir, { recursive: true, force: true });
rmSync(stackDir, { recursive: true, force: true });
mkdirSync(demoDir, { recursive: true });
execFileSync(process.execPath, [join(repoRoot, 'dist/bin/sps-install-provider.js'), '--dir', join(demoDir, 'provider')], { cwd: repoRoot, stdio: 'inherit' });

step('2/6 start the embedded SPS simulator');
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
/** cdktf diff has no detailed exit code: read the plan's summary line. */
const diff = () => {
  const output = cdktf('diff', 'appliance', '--no-color');
  process.stdout.write(output);
  if (/No changes\./.test(output)) return 'no changes';
  const summary = output.match(/Plan: \d+ to add, \d+ to change, \d+ to destroy/);
  if (!summary) throw new Error('cdktf diff printed no plan summary');
  return summary[0];
};
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
  step('3/6 cdktf diff: synthesize the GitOps example (examples/gitops/main.ts) and plan it, as CI does on a pull request');
  const firstPlan = diff();

  step('4/6 cdktf deploy, as CI does on merge (one appliance commit for the whole group)');
  process.stdout.write(cdktf('deploy', 'appliance', '--auto-approve', '--no-color'));

  step('5/6 someone edits a user list in the web UI; the next cdktf diff shows the drift');
  const state = JSON.parse(execFileSync('terraform', ['show', '-json'], { cwd: stackDir, env, encoding: 'utf8' }));
  const list = state.values.root_module.resources.find((r) => r.type === 'sps_user_list' && r.values.name === 'deployers');
  const login = await call('GET', '/api/authentication', { headers: auth });
  const cookie = String(login.headers['set-cookie']).split(';')[0];
  const path = `/api/configuration/policies/userlists/${list.values.id}`;
  const json = { cookie, 'content-type': 'application/json' };
  await call('PUT', path, { headers: json, body: JSON.stringify({ name: 'deployers', allow: 'no_user', except: ['deploy', 'release-bot', 'mallory'] }) });
  await call('PUT', '/api/transaction', { headers: json, body: JSON.stringify({ status: 'commit', commit_message: 'edited in the web UI' }) });
  console.log('added "mallory" to the user list "deployers" outside Terraform');
  const driftPlan = diff();
  if (driftPlan === 'no changes') throw new Error('expected cdktf diff to show the drift');

  step('6/6 cdktf deploy again: the appliance is back to what Git says, and the next diff is clean');
  process.stdout.write(cdktf('deploy', 'appliance', '--auto-approve', '--no-color'));
  if (diff() !== 'no changes') throw new Error('the diff after deploying again is not empty');

  const counters = await control('counters');
  const { commits } = await control('commits');
  console.log(`\n\x1b[1mSummary\x1b[0m
  first plan: ${firstPlan}; after the web UI edit: ${driftPlan}
  objects managed: ${state.values.root_module.resources.filter((r) => r.mode === 'managed').length} (3 user lists, 2 HTTP connection policies, an API client for the SIEM)
  appliance commits: ${counters.commits} (${commits.map((c) => `"${c.message}"`).join(', ')})
  logins: ${counters.logins} (one per provider process that talked to the appliance)
  drift detected and repaired: yes
  time: ${((Date.now() - started) / 1000).toFixed(1)} s
  state and simulator data: ${demoDir}`);
} finally {
  simulator.kill();
}
