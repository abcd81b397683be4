// A fleet of 10 appliances × 50 objects deployed in parallel (`cdktf deploy '*' --parallelism 10`:
// one stack, Terraform run, provider process and session per appliance, state in PostgreSQL) and,
// in the same run, one appliance × 500 objects: wall time, commits, logins. Both go through the
// same path (cdktf synth, init, apply; pg backend; the fleet example's connection code).
import { mkdirSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import fleet from '../../scripts/lib/fleet.cjs';
import install from '../../scripts/lib/provider-install.cjs';
import postgres from '../../scripts/lib/throwaway-postgres.cjs';
import { repoRoot, startSimulator } from '../lib.mjs';

const APP = `npx tsx ${join(repoRoot, 'bench/fleet/app.ts')}`;

/** `appliances` simulators and an inventory for them; `deploy(objects, parallelism)` runs `cdktf deploy '*'` and returns seconds. */
async function setUp({ label, appliances, pg, dir, cliConfigFile }) {
  const names = Array.from({ length: appliances }, (_, i) => (appliances === 1 ? label : `${label}-${String(i + 1).padStart(2, '0')}`));
  const simulators = {};
  for (const name of names) simulators[name] = await startSimulator();
  const inventory = {
    appliances: names.map((name) => {
      const env = `TF_VAR_${name.replace(/-/g, '_')}`;
      return { name, url: simulators[name].url, credentials: { usernameEnv: `${env}_username`, passwordEnv: `${env}_password` }, tags: [] };
    }),
  };
  const urls = Object.fromEntries(names.map((name) => [name, simulators[name].url]));
  const inventoryFile = fleet.writeInventory(join(dir, `${label}.inventory.json`), inventory, urls);
  const credentials = Object.fromEntries(names.map((name) => [name, { username: 'admin', password: 'admin' }]));
  return {
    async deploy(objects, parallelism) {
      console.log(`${label}: ${appliances} × ${objects} objects, --parallelism ${parallelism} …`);
      const env = fleet.fleetEnv({ connStr: pg.connStr, cliConfigFile, inventoryFile, inventory, credentials, commitMessage: 'bench', env: { FLEET_BENCH_OBJECTS: String(objects) } });
      const result = await fleet.cdktf(['deploy', '*', '--parallelism', String(parallelism), '--auto-approve', '--no-color', '--app', APP], { output: join(dir, label), env, timeoutMs: 1_800_000 });
      if (result.code !== 0) throw new Error(`${label}: cdktf deploy of ${objects} objects per stack exited ${result.code}:\n${result.output.slice(-4000)}`);
      return result.seconds;
    },
    async resetCounters() {
      for (const simulator of Object.values(simulators)) await simulator.reset();
    },
    async counters() {
      const all = await Promise.all(names.map((name) => simulators[name].counters()));
      const sum = (key) => all.reduce((total, c) => total + c[key], 0);
      const commits = all.map((c) => c.commits);
      return { commits: sum('commits'), logins: sum('logins'), requests: sum('totalRequests'), commitsPerAppliance: Math.min(...commits) === Math.max(...commits) ? `${commits[0]}` : `${Math.min(...commits)}–${Math.max(...commits)}` };
    },
    stop() {
      for (const simulator of Object.values(simulators)) simulator.stop();
    },
  };
}

/** Creates the (empty) states with a first deploy, then deploys `objects` per appliance: seconds and counters of that deploy. */
async function measure({ label, appliances, objects, parallelism, ...common }) {
  const stacks = await setUp({ label, appliances, ...common });
  try {
    const createStates = await stacks.deploy(0, 1);
    await stacks.resetCounters();
    const seconds = await stacks.deploy(objects, parallelism);
    return { label, appliances, objects, parallelism, createStates, seconds, ...(await stacks.counters()) };
  } finally {
    stacks.stop();
  }
}

/** Seconds for the first deploy of `appliances` new, empty stacks at once. */
async function createStatesAtOnce({ label, appliances, ...common }) {
  const stacks = await setUp({ label, appliances, ...common });
  try {
    return await stacks.deploy(0, appliances);
  } finally {
    stacks.stop();
  }
}

export async function run() {
  const dir = join(tmpdir(), `sps-bench-fleet-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  const pg = await postgres.startThrowawayPostgres();
  try {
    const { mirrorDir } = install.installProvider({ dir: join(dir, 'mirror') });
    const cliConfigFile = join(dir, 'terraformrc');
    install.writeMirrorCliConfig(cliConfigFile, mirrorDir);
    const common = { pg, dir, cliConfigFile };
    const [many, one] = [
      await measure({ label: 'fleet', appliances: 10, objects: 50, parallelism: 10, ...common }),
      await measure({ label: 'single', appliances: 1, objects: 500, parallelism: 1, ...common }),
    ];
    const newAtOnce = await createStatesAtOnce({ label: 'new', appliances: 10, ...common });

    let md = `## A fleet: 10 appliances × 50 objects in parallel vs 1 appliance × 500 objects\n\n`;
    md += `\`cdktf deploy '*'\` of the fleet example's stacks (examples/fleet/connection.ts: pg backend on a throw-away PostgreSQL 15, one Terraform run, provider process and session per stack) with generated objects (half user lists, half HTTP connection policies), one simulator process per appliance; the stacks' states exist already. Wall time of the whole command: synth, \`terraform init\` of each stack (cdktf runs those one after another), the applies. One run each.\n\n`;
    md += `| | appliances × objects | cdktf \`--parallelism\` | wall time | commits | logins | requests |\n|---|---|---|---|---|---|---|\n`;
    md += `| fleet | 10 × 50 | ${many.parallelism} | ${many.seconds.toFixed(1)} s | ${many.commits} (${many.commitsPerAppliance} per appliance) | ${many.logins} | ${many.requests} |\n`;
    md += `| single appliance | 1 × 500 | ${one.parallelism} | ${one.seconds.toFixed(1)} s | ${one.commits} | ${one.logins} | ${one.requests} |\n`;
    md += `\nThe fleet deploys the same 500 objects in ${(many.seconds / one.seconds).toFixed(2)}× the single appliance's time, with ${many.commits} commits against ${one.commits}: every appliance commits its own groups (up to 10 changes each, Terraform's \`-parallelism\`) in its own session, and the 10 Terraform runs share the machine's ${cpus().length} cores.\n`;
    md += `\n### First deploy of new stacks (creating their states, no objects)\n\n| | stacks | cdktf \`--parallelism\` | wall time |\n|---|---|---|---|\n`;
    md += `| one after another | 10 | 1 | ${many.createStates.toFixed(1)} s |\n| all at once | 10 | 10 | ${newAtOnce.toFixed(1)} s |\n| single appliance | 1 | 1 | ${one.createStates.toFixed(1)} s |\n`;
    md += `\nTerraform's pg backend holds one database-wide lock while a stack's first apply creates its state, so new stacks take turns whatever the parallelism; at once, the waiting runs retry with Terraform's growing backoff (\`-lock-timeout\` via \`TF_CLI_ARGS_apply\`, without which they fail), which costs more than taking turns. Once the states exist, deploys run side by side.\n`;
    return md;
  } finally {
    await pg.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
