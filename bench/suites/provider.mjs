// The provider against Terraform's own terraform_data, as issue 25 measures it: the standalone
// provider's start-up against `node -e 0`, plan(1), and N separate blocks created, planned with no
// change, updated and destroyed, against N separate terraform_data blocks whose state per
// instance is at least one sps_user_list's. Beside the times: the provider processes' peak RSS and
// CPU, launches, the simulator's requests, commits and CPU, state bytes per instance, the zip.
// The budgets, the breakdown and the Markdown are in bench/provider-report.cjs.
//
// Returns the section and the raw measurements (kept as bench/results/provider.json).
// SPS_BENCH_QUICK=1: N=100 and one run per cell, a smoke test (bench/run.mjs then keeps nothing).
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import install from '../../scripts/lib/provider-install.cjs';
import { pathWithoutNode, repoRoot, startSimulator, userListBlocks, workspace } from '../lib.mjs';
import report from '../provider-report.cjs';
import { measureStartup } from '../startup.mjs';

const require = createRequire(import.meta.url);
const PARALLELISM = 10;
const quick = process.env.SPS_BENCH_QUICK === '1';

// The update changes the input, not its length: the state stays as large.
const baselineBlocks = (n, updated, padding) => {
  let text = '';
  for (let i = 0; i < n; i++) text += `resource "terraform_data" "r${i}" {\n  input = "${updated ? 'other' : 'value'}-${i}-${'x'.repeat(padding)}"\n}\n`;
  return text;
};

const stateBytes = (ws) => report.stateBytesPerInstance(readFileSync(join(ws.dir, 'terraform.tfstate'), 'utf8'));

/**
 * Builds (or finds up to date) the release with its own script, however that builds it, and unpacks
 * this platform's executable from its zip; { missingReason } when there is none.
 */
function standaloneRelease(scratch) {
  const platform = require(join(repoRoot, 'dist/install/provider-install.js')).terraformPlatform();
  try {
    execFileSync(process.execPath, [join(repoRoot, 'scripts/release.mjs'), '--quiet'], { stdio: 'inherit' });
  } catch (error) {
    return { missingReason: `\`npm run release\` failed: ${String(error.message).split('\n')[0]}` };
  }
  const release = JSON.parse(readFileSync(join(repoRoot, 'release/release.json'), 'utf8'));
  const archive = release.archives.find((a) => a.platform === platform);
  if (!archive) return { missingReason: `the release has no ${platform} zip` };
  const zip = join(repoRoot, 'release', archive.zip);
  const { readZipEntries } = require(join(repoRoot, 'dist/install/zip-entry.js'));
  const [entry] = readZipEntries(zip);
  const executable = join(scratch, entry.name);
  writeFileSync(executable, entry.data);
  chmodSync(executable, 0o755);
  return { zip: { name: archive.zip, bytes: statSync(zip).size, executableBytes: entry.data.length }, executable, mirror: join(repoRoot, 'release', release.filesystemMirror) };
}

/** One command, watched: its time, the provider processes' launches, RSS and CPU, and the simulator's counters and CPU. */
async function measure(ws, simulator, args) {
  await simulator.reset();
  const simulatorCpu = simulator.cpuSeconds();
  const sampled = await ws.watched(...args);
  const cpu = simulator.cpuSeconds() - simulatorCpu;
  const counters = await simulator.counters();
  return { ...sampled, simulatorCpu: cpu, requests: counters.totalRequests, commits: counters.commits, logins: counters.logins };
}

const APPLY = ['apply', '-auto-approve', '-input=false', `-parallelism=${PARALLELISM}`];
// -detailed-exitcode: a plan that finds changes exits 2, which fails the run.
const PLAN = ['plan', '-input=false', `-parallelism=${PARALLELISM}`, '-detailed-exitcode'];
const DESTROY = ['destroy', '-auto-approve', '-input=false', `-parallelism=${PARALLELISM}`];

/** Create, no-change plan, update, destroy of one subject in a new workspace; the state size after the create. */
async function cycle({ simulator, url, blocks, options }) {
  const ws = await workspace(url, blocks(false), options);
  try {
    const create = await measure(ws, simulator, APPLY);
    const bytes = stateBytes(ws);
    const plan = await measure(ws, simulator, PLAN);
    ws.write(blocks(true));
    const update = await measure(ws, simulator, APPLY);
    const destroy = await measure(ws, simulator, DESTROY);
    return { create, plan, update, destroy, stateBytes: bytes };
  } finally {
    ws.cleanup();
  }
}

export async function run({ sizes = [1, 100, 1000], runs = 5 } = {}) {
  const n = quick ? 100 : Math.max(...sizes);
  const runCounts = { small: quick ? 1 : Math.max(3, runs), large: quick ? 1 : 3 };
  const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  const scratch = mkdtempSync(join(tmpdir(), 'sps-bench-provider-'));
  try {
    const standalone = standaloneRelease(scratch);
    if (standalone.missingReason) console.log(`no standalone provider: ${standalone.missingReason}`);
    const provider = standalone.zip ? { kind: 'standalone', zip: standalone.zip } : { kind: 'script', zip: null, missingReason: standalone.missingReason };

    console.log('start-up …');
    const providers = standalone.zip ? { 'standalone executable': { executable: standalone.executable, path: pathWithoutNode() } } : {};
    providers['Node script'] = install.bundlePath;
    const startup = await measureStartup({ runs: quick ? 1 : 30, providers, nodes: { '`node -e 0`': process.execPath } });
    const role = { 'Node script': 'script', 'standalone executable': 'standalone', '`node -e 0`': 'node' };
    const subjects = Object.entries(startup.samples).map(([name, s]) => ({ name, role: role[name], ...s }));

    // Both subjects alike: the standalone through the release's mirror with no node on PATH, or the Node script.
    const options = standalone.zip ? { mirror: standalone.mirror, path: pathWithoutNode() } : { mirror: install.installProvider({ dir: join(scratch, 'script-mirror') }).mirrorDir };
    const simulator = await startSimulator();
    try {
      console.log('plan(1) …');
      const ours1 = await workspace(simulator.url, userListBlocks(1, false), options);
      const base1 = await workspace(null, baselineBlocks(1, false, 0), options);
      let padding;
      const plan1 = { ours: [], base: [] };
      try {
        await ours1.run(...APPLY);
        await base1.run(...APPLY);
        ({ padding } = report.baselinePadding(stateBytes(ours1), stateBytes(base1)));
        base1.write(baselineBlocks(1, false, padding));
        await base1.run(...APPLY);
        for (let r = 0; r < runCounts.small; r++) {
          for (const who of r % 2 ? ['base', 'ours'] : ['ours', 'base']) plan1[who].push(await measure(who === 'ours' ? ours1 : base1, simulator, PLAN));
        }
        await ours1.run(...DESTROY);
      } finally {
        ours1.cleanup();
        base1.cleanup();
      }

      const commands = Object.fromEntries(report.COMMANDS.map((c) => [c, { ours: [], base: [] }]));
      const state = { ours: [], base: [] };
      const subjectsOfCycle = {
        ours: { simulator, url: simulator.url, blocks: (updated) => userListBlocks(n, updated), options },
        base: { simulator, url: null, blocks: (updated) => baselineBlocks(n, updated, padding), options },
      };
      for (let r = 0; r < runCounts.large; r++) {
        // Alternating which goes first, so that neither always meets the machine in the same state.
        for (const who of r % 2 ? ['base', 'ours'] : ['ours', 'base']) {
          console.log(`N = ${n}, run ${r + 1}/${runCounts.large}, ${who === 'ours' ? 'sps_user_list' : 'terraform_data'} …`);
          const measured = await cycle(subjectsOfCycle[who]);
          for (const c of report.COMMANDS) commands[c][who].push(measured[c]);
          state[who].push(measured.stateBytes);
        }
      }

      const results = {
        load,
        cores: cpus().length,
        quick,
        n,
        parallelism: PARALLELISM,
        runs: runCounts,
        provider,
        startup: { runs: startup.runs, subjects },
        plan1,
        commands,
        stateBytes: { ours: Math.max(...state.ours), base: Math.min(...state.base), padding },
      };
      return { section: report.renderReport(results), data: results };
    } finally {
      simulator.stop();
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
