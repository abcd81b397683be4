// npm run demo: the whole product on one machine, no network, no appliance. Builds and installs
// the provider into a project-local mirror, starts the simulator, synthesizes the GitOps example
// (examples/gitops, cdktf synth), plans and deploys it, changes the appliance behind Terraform's
// back, shows that the next plan sees it, re-applies, prints a summary and stops the simulator.
// Writes only inside the repository (.demo/, .mirror/, cdktf.out/).
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const { repoRoot, installProvider, writeMirrorCliConfig } = require('./lib/provider-install.cjs');
const started = Date.now();
const demoDir = join(repoRoot, '.demo');
const stackDir = join(demoDir, 'stack');
const step = (text) => console.log(`\n\x1b[1m▶ ${text}\x1b[0m`);

step('1/6 build the provider and install it into the project-local mirror (.mirror/)');
execFileSync('npm', ['run', '--silent', 'build'], { cwd: repoRoot, stdio: 'inherit' });
rmSync(demoDir, { recursive: true, force: true });
mkdirSync(stackDir, { recursive: true });
const { mirrorDir } = installProvider({ dir: join(repoRoot, '.mirror') });
writeMirrorCliConfig(join(demoDir, 'terraformrc'), mirrorDir);

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
  TF_CLI_CONFIG_FILE: join(demoDir, 'terraformrc'),
  TF_DATA_DIR: join(stackDir, '.terraform'),
  CHECKPOINT_DISABLE: '1',
  TF_IN_AUTOMATION: '1',
  SPS_URL: url,
  SPS_USERNAME: 'admin',
  SPS_PASSWORD: 'admin',
  SPS_COMMIT_MESSAGE: 'npm run demo',
  SPS_PROVIDER_CACHE_DIR: join(demoDir, 'cache'),
};
const terraform = (...args) => execFileSync('terraform', args, { cwd: stackDir, env, stdio: 'inherit' });
const terraformCode = (...args) => {
  try {
    execFileSync('terraform', args, { cwd: stackDir, env, stdio: 'inherit' });
    return 0;
  } catch (error) {
    return error.status;
  }
};
const auth = { authorization: `Basic ${Buffer.from('admin:admin').toString('base64')}` };

try {
  step('3/6 cdktf synth of the GitOps example (examples/gitops/main.ts)');
  execFileSync('npx', ['cdktf', 'synth', '--output', join(demoDir, 'cdktf.out')], { cwd: repoRoot, env, stdio: 'inherit' });
  // Terraform runs on the synthesized stack, in its own directory with a local state file.
  const synthesized = JSON.parse(readFileSync(join(demoDir, 'cdktf.out/stacks/appliance/cdk.tf.json'), 'utf8'));
  delete synthesized.terraform.backend;
  writeFileSync(join(stackDir, 'cdk.tf.json'), JSON.stringify(synthesized, null, 2));
  terraform('init', '-input=false', '-no-color');

  step('4/6 plan, then deploy (one commit for the whole group)');
  terraform('plan', '-input=false', '-out=demo.tfplan');
  terraform('apply', '-input=false', 'demo.tfplan');

  step('5/6 someone edits a user list in the web UI; the next plan shows the drift');
  const login = await fetch(`${url}/api/authentication`, { headers: auth });
  const cookie = login.headers.get('set-cookie').split(';')[0];
  const state = JSON.parse(execFileSync('terraform', ['show', '-json'], { cwd: stackDir, env }).toString());
  const list = state.values.root_module.resources.find((r) => r.type === 'sps_user_list' && r.values.name === 'deployers');
  const path = `/api/configuration/policies/userlists/${list.values.id}`;
  const put = await fetch(`${url}${path}`, { method: 'PUT', headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'deployers', allow: 'no_user', except: ['deploy', 'release-bot', 'mallory'] }) });
  if (!put.ok) throw new Error(`out-of-band change failed: ${put.status}`);
  const commit = await fetch(`${url}/api/transaction`, { method: 'PUT', headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify({ status: 'commit', commit_message: 'edited in the web UI' }) });
  if (!commit.ok) throw new Error(`out-of-band commit failed: ${commit.status}`);
  console.log('added "mallory" to the user list "deployers" outside Terraform');
  const drift = terraformCode('plan', '-input=false', '-detailed-exitcode', '-out=drift.tfplan');
  if (drift !== 2) throw new Error(`expected the plan to show the drift (exit code 2), got ${drift}`);

  step('6/6 re-apply: the appliance is back to what Git says');
  terraform('apply', '-input=false', 'drift.tfplan');
  if (terraformCode('plan', '-input=false', '-detailed-exitcode', '-no-color') !== 0) throw new Error('the plan after re-applying is not empty');

  const counters = await (await fetch(`${url}/_simulator/counters`, { headers: auth })).json();
  const commits = (await (await fetch(`${url}/_simulator/commits`, { headers: auth })).json()).commits;
  console.log(`\n\x1b[1mSummary\x1b[0m
  objects managed: ${state.values.root_module.resources.filter((r) => r.mode === 'managed').length} (3 user lists, 2 HTTP connection policies, an API client for the SIEM)
  appliance commits: ${counters.commits} (${commits.map((c) => `"${c.message}"`).join(', ')})
  logins: ${counters.logins} (one per provider process that talked to the appliance)
  drift detected and repaired: yes
  time: ${((Date.now() - started) / 1000).toFixed(1)} s
  state and simulator data: ${demoDir}`);
} finally {
  simulator.kill();
}
