// npm run demo:fleet [-- --appliances N --parallelism N]
// A fleet of SPS appliances on one machine, as a platform team's CI runs it: a throw-away
// PostgreSQL holds every stack's state (Terraform's pg backend, one schema per stack), one
// simulator per appliance, and the fleet example (examples/fleet) deployed with
// `cdktf deploy '*' --parallelism N`. Then two deploys of one stack at once, to show that the
// state lock serialises them and that no change is lost. Everything lives in .demo-fleet/, which
// is removed at the end, PostgreSQL included, also when something fails.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const require = createRequire(import.meta.url);
const repoRoot = join(fileURLToPath(import.meta.url), '../..');
const USAGE = `usage: npm run demo:fleet [-- --appliances N] [--parallelism N]

Deploys the fleet example (examples/fleet) to N local SPS simulators with its state in a
throw-away PostgreSQL 15, all stacks at once, prints a summary per appliance, then shows two
deploys of one stack serialised by the state lock. Needs PostgreSQL 15's server binaries
(apt-get install postgresql-15). Writes only .demo-fleet/ and removes it at the end.

  --appliances N    appliances in the fleet (default 3; beyond the inventory's 3, copies of them)
  --parallelism N   stacks cdktf deploys at once (default: all of them)
  -h, --help        this help`;

function options() {
  try {
    const { values } = parseArgs({ options: { appliances: { type: 'string', default: '3' }, parallelism: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, strict: true });
    if (values.help) {
      console.log(USAGE);
      process.exit(0);
    }
    const count = (name, value, max) => {
      const n = Number(value);
      if (!Number.isInteger(n) || n < 1 || n > max) throw new Error(`--${name} must be a whole number from 1 to ${max}, not "${value}"`);
      return n;
    };
    const appliances = count('appliances', values.appliances, 20);
    return { appliances, parallelism: count('parallelism', values.parallelism ?? String(appliances), 20) };
  } catch (error) {
    console.error(`demo:fleet: ${error.message.split('. To specify a positional argument')[0]} (see npm run demo:fleet -- --help)`);
    process.exit(2);
  }
}

const { appliances: count, parallelism } = options();
const fleet = require('./lib/fleet.cjs');
const { startThrowawayPostgres } = require('./lib/throwaway-postgres.cjs');
const demoDir = join(repoRoot, '.demo-fleet');
const step = (text) => console.log(`\n\x1b[1m▶ ${text}\x1b[0m`);
const started = Date.now();

/** The example's inventory, with copies of its appliances when the fleet is larger. */
function demoInventory(n) {
  const base = fleet.baseInventory().appliances;
  const appliances = Array.from({ length: n }, (_, i) => {
    if (i < base.length) return base[i];
    const name = `${base[i % base.length].name}-${i + 1}`;
    const env = `TF_VAR_sps_${name.replace(/-/g, '_')}`;
    return { ...base[i % base.length], name, credentials: { usernameEnv: `${env}_username`, passwordEnv: `${env}_password` } };
  });
  return { appliances };
}

/** A REST session on one appliance, as another administrator: object names per collection. */
async function applianceObjects(url, { username, password }) {
  const basic = { authorization: `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}` };
  const login = await fetch(`${url}/api/authentication`, { headers: basic });
  const headers = { cookie: login.headers.get('set-cookie').split(';')[0] };
  const names = [];
  for (const path of ['/api/configuration/policies/userlists', '/api/configuration/http/connections', '/api/configuration/aaa/api_clients']) {
    const { items } = await (await fetch(`${url}${path}`, { headers })).json();
    for (const { key } of items.filter((i) => !i.key.startsWith('-'))) names.push(`${path.split('/').pop()}/${(await (await fetch(`${url}${path}/${key}`, { headers })).json()).body.name}`);
  }
  await fetch(`${url}/api/authentication`, { method: 'DELETE', headers });
  return names.sort();
}

const simulators = {};
let pg;
let interrupted = false;
const cleanup = async () => {
  fleet.stopRuns();
  for (const simulator of Object.values(simulators)) await simulator.close().catch(() => {});
  await pg?.stop();
  rmSync(demoDir, { recursive: true, force: true });
};
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, async () => {
    if (interrupted) return;
    interrupted = true;
    console.error(`\ndemo:fleet: ${signal}: stopping the runs, the simulators and PostgreSQL, removing .demo-fleet/`);
    await cleanup();
    process.exit(130);
  });
}

try {
  step('1/5 build the provider and install it with sps-install-provider (into .demo-fleet/provider)');
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: repoRoot, stdio: 'inherit' });
  rmSync(demoDir, { recursive: true, force: true });
  mkdirSync(demoDir, { recursive: true });
  execFileSync(process.execPath, [join(repoRoot, 'dist/bin/sps-install-provider.js'), '--dir', join(demoDir, 'provider')], { cwd: repoRoot, stdio: 'inherit' });

  step(`2/5 start a throw-away PostgreSQL 15 (unix socket in .demo-fleet/pg) and ${count} SPS simulators`);
  pg = await startThrowawayPostgres({ dir: join(demoDir, 'pg') });
  console.log(`PostgreSQL: PG_CONN_STR=${pg.connStr}`);
  const { startSimulator } = await import(join(repoRoot, 'dist/simulator/index.js'));
  const inventory = demoInventory(count);
  const credentials = fleet.credentialsFor(inventory);
  const urls = {};
  for (const { name } of inventory.appliances) {
    const { username, password } = credentials[name];
    simulators[name] = await startSimulator({ log: false, statePath: join(demoDir, `${name}.appliance.json`), users: [{ name: username, password }] });
    urls[name] = simulators[name].url;
    console.log(`${name.padEnd(14)} ${urls[name]}  (its own random password, in ${inventory.appliances.find((a) => a.name === name).credentials.passwordEnv})`);
  }
  const envFor = (file, change, commitMessage, extra) => {
    const changed = structuredClone(inventory);
    change?.(changed);
    const inventoryFile = fleet.writeInventory(join(demoDir, file), changed, urls);
    return fleet.fleetEnv({ connStr: pg.connStr, cliConfigFile: join(demoDir, 'provider/terraformrc'), inventoryFile, inventory, credentials, commitMessage, env: extra });
  };
  const outputs = [];

  step(`3/5 cdktf deploy '*' --parallelism ${parallelism}: one stack per appliance, each with its own provider process, session and commits`);
  const deployStarted = Date.now();
  const deploy = await fleet.cdktf(['deploy', '*', '--parallelism', String(parallelism), '--auto-approve', '--no-color'], {
    output: join(demoDir, 'cdktf.out'),
    env: envFor('inventory.json', undefined, 'npm run demo:fleet'),
    onOutput: (text) => process.stdout.write(text),
  });
  outputs.push(deploy.output);
  if (deploy.code !== 0) throw new Error(`cdktf deploy exited ${deploy.code}`);

  const stateOf = (name) => JSON.parse(pg.query(`SELECT data FROM sps_${name.replace(/-/g, '_')}.states WHERE name = 'default'`) || '{"resources":[]}');
  const managed = (name) => stateOf(name).resources.filter((r) => r.mode === 'managed').length;
  console.log(`\n\x1b[1mFleet summary\x1b[0m (cdktf deploy '*' --parallelism ${parallelism}: ${deploy.seconds.toFixed(1)} s)`);
  console.log(`  ${'appliance'.padEnd(14)}${'tags'.padEnd(14)}${'objects (state / appliance)'.padEnd(30)}${'commits'.padEnd(9)}${'logins'.padEnd(8)}committed after`);
  for (const { name, tags } of inventory.appliances) {
    const simulator = simulators[name];
    const onAppliance = await applianceObjects(simulator.url, credentials[name]);
    const commits = simulator.commits();
    const last = commits.length ? `${((Date.parse(commits.at(-1).at) - deployStarted) / 1000).toFixed(1)} s` : '-';
    console.log(`  ${name.padEnd(14)}${(tags.join(',') || '-').padEnd(14)}${`${managed(name)} / ${onAppliance.length}`.padEnd(30)}${String(commits.length).padEnd(9)}${String(simulator.counters().logins).padEnd(8)}${last}`);
    if (managed(name) !== onAppliance.length) throw new Error(`${name}: the state has ${managed(name)} objects, the appliance ${onAppliance.length}`);
  }
  console.log(`  state schemas in PostgreSQL: ${pg.stateSchemas().join(', ')}
  (a stack's first apply holds the pg backend's database-wide creation lock until its state exists,
  so new stacks' first applies take turns; later deploys of the fleet run side by side)`);

  // The appliance with the most tags still to add gets two changes, from two "commits".
  const allTags = ['dmz', 'pci', 'siem'];
  const target = [...inventory.appliances].sort((a, b) => a.tags.length - b.tags.length)[0];
  const missing = allTags.filter((t) => !target.tags.includes(t));
  const tagsA = [...target.tags, missing[0]];
  const tagsB = [...tagsA, ...missing.slice(1, 2)];
  step(`4/5 two deploys of "${target.name}" at once: run #1 adds the ${missing[0]} extras, run #2 (a later commit) also ${missing[1] ?? 'nothing more'}`);
  const withTags = (tags) => (inv) => (inv.appliances.find((a) => a.name === target.name).tags = tags);
  const runOutput = { 1: '', 2: '' };
  const show = (run) => (text) => {
    runOutput[run] += text;
    for (const line of text.split('\n')) if (/Acquiring state lock|Apply complete|Error/.test(line)) console.log(`  [run #${run}] ${line.trim()}`);
  };
  const finished = {};
  const launch = (run, tags) =>
    fleet
      .cdktf(['deploy', target.name, '--auto-approve', '--no-color'], { output: join(demoDir, `run-${run}`), env: envFor(`inventory-run-${run}.json`, withTags(tags), `demo run #${run}`), onOutput: show(run) })
      .then((result) => ((finished[run] = Date.now()), outputs.push(result.output), result));
  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
  const until = async (what, condition) => {
    for (const deadline = Date.now() + 120_000; !condition(); await sleep(200)) if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
  };

  console.log(`an administrator opens the web UI's configuration lock on ${target.name}: run #1 will hold the state lock while it waits for the appliance`);
  simulators[target.name].holdLock('webui-admin');
  const run1 = launch(1, tagsA);
  await until('run #1 holds the state lock', () => pg.advisoryLocks().length > 0 || finished[1]);
  console.log(`run #1 holds the state lock (PostgreSQL advisory lock ${pg.advisoryLocks().join(', ')})`);

  const failFast = await fleet.terraform(['plan', '-lock-timeout=0s', '-input=false', '-no-color'], {
    stackDir: join(demoDir, 'cdktf.out/stacks', target.name),
    env: envFor('inventory.json', undefined, 'plan', { TF_CLI_ARGS_plan: '' }),
  });
  outputs.push(failFast.output);
  if (failFast.code === 0 || !/Error acquiring the state lock/.test(failFast.output)) throw new Error(`a plan without a lock timeout should fail on the state lock:\n${failFast.output}`);
  console.log(`a terraform plan with -lock-timeout=0s fails at once with Terraform's lock message:\n${failFast.output.split('\n').filter((l) => /Error acquiring|Error message|Lock Info|Operation:|Who:/.test(l)).map((l) => `    ${l.trim()}`).join('\n')}`);

  const run2 = launch(2, tagsB);
  await until('run #2 tries to take the state lock', () => /Acquiring state lock/.test(runOutput[2]) || finished[2]);
  await sleep(3000);
  if (finished[1] || finished[2]) throw new Error('run #1 or #2 finished while the state was locked');
  console.log(`run #2 waits for the state lock (TF_CLI_ARGS_apply=-lock-timeout=${fleet.LOCK_TIMEOUT}); the administrator releases ${target.name}'s configuration lock`);
  simulators[target.name].releaseLock();
  const [result1, result2] = await Promise.all([run1, run2]);
  if (result1.code !== 0 || result2.code !== 0) throw new Error(`run #1 exited ${result1.code}, run #2 exited ${result2.code}`);

  const names = await applianceObjects(simulators[target.name].url, credentials[target.name]);
  const duplicates = names.filter((n, i) => names.indexOf(n) !== i);
  const plan = await fleet.terraform(['plan', '-detailed-exitcode', '-input=false', '-no-color'], { stackDir: join(demoDir, 'run-2/stacks', target.name), env: envFor(`inventory-run-2.json`, withTags(tagsB), 'plan') });
  outputs.push(plan.output);
  const messages = simulators[target.name].commits().map((c) => c.message);
  console.log(`\n\x1b[1mLocking summary\x1b[0m
  run #1 finished ${finished[1] < finished[2] ? 'first' : 'second'}; run #2 ${finished[1] < finished[2] ? 'then' : 'before it (!)'}: ${result2.output.match(/Resources: .*destroyed/)?.[0]}
  ${target.name}: ${names.length} objects on the appliance, ${managed(target.name)} in the state, ${duplicates.length ? `DUPLICATES: ${duplicates.join(', ')}` : 'none twice'}
  commits on ${target.name}: ${messages.map((m) => `"${m}"`).join(', ')}
  plan after both runs: ${plan.code === 0 ? 'no changes' : `exit ${plan.code}`}`);
  if (finished[1] > finished[2] || duplicates.length || names.length !== managed(target.name) || plan.code !== 0 || !messages.includes('demo run #1') || !messages.includes('demo run #2')) {
    throw new Error('a change was lost or applied twice');
  }
  console.log('  no change lost: both runs are on the appliance and in the state, once');

  step('5/5 secrets: no appliance password in any synthesized file or in any output');
  const passwords = Object.values(credentials).map((c) => c.password);
  const files = (dir) => readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
  const synthesized = ['cdktf.out', 'run-1', 'run-2'].flatMap((d) => (existsSync(join(demoDir, d)) ? files(join(demoDir, d)) : []));
  const leaks = [
    ...synthesized.filter((f) => passwords.some((p) => readFileSync(f, 'latin1').includes(p))),
    ...(outputs.some((o) => passwords.some((p) => o.includes(p))) ? ['the cdktf/terraform output'] : []),
  ];
  if (leaks.length) throw new Error(`a password leaked into ${leaks.join(', ')}`);
  console.log(`checked ${synthesized.length} files and ${outputs.length} outputs: none holds a password (credentials reach Terraform only as TF_VAR_… environment variables)`);
  console.log(`\ndone in ${((Date.now() - started) / 1000).toFixed(1)} s; removing .demo-fleet/ (PostgreSQL included)`);
} catch (error) {
  console.error(`\ndemo:fleet: ${error.message}`);
  process.exitCode = 1;
} finally {
  if (!interrupted) await cleanup();
}
