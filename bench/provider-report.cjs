// The provider suite's report (bench/suites/provider.mjs): its measurements → issue 25's budgets
// with met / NOT met, the where-the-time-goes breakdown and the Markdown section. Pure (no
// processes, no clock), so that test/bench/provider-report.test.ts checks the verdicts.
const { fmt, median, stats } = require('./stats.cjs');

/** Issue 25's budgets. A ratio is ours ÷ the baseline, both medians of the same invocation. */
const BUDGETS = {
  handshakeRatio: 1.0, // standalone provider: spawn → handshake line, ÷ `node -e 0`
  plan1Ratio: 4, // plan(1), ÷ terraform_data
  commandRatio: 1.5, // N separate blocks: create, no-change plan, update, destroy, each ÷ terraform_data
  peakRssMb: 60, // provider peak RSS at N
  handshakeRssMb: 40, // provider RSS at the handshake line
  zipMb: 45, // the linux_amd64 release zip
  commitsPerGroup: 2, // commits for N creates ≤ 2 × ceil(N / parallelism)
};

const COMMANDS = ['create', 'plan', 'update', 'destroy'];
const COMMAND_LABELS = { create: 'create', plan: 'no-change plan', update: 'update', destroy: 'destroy' };
const MB = 1e6;

/** 'met', 'NOT met', or 'not measured' when the figure is missing. */
function verdict(value, limit) {
  if (value === undefined || value === null || !Number.isFinite(value)) return 'not measured';
  return value <= limit ? 'met' : 'NOT met';
}
const VERDICT_MD = { met: 'met', 'NOT met': '**NOT met**', 'not measured': '**not measured**' };

/** median(ours) ÷ median(baseline), or null when either has no samples. */
function ratio(ours, baseline) {
  if (!ours?.length || !baseline?.length) return null;
  return median(ours) / median(baseline);
}

const commitBudget = (n, parallelism) => BUDGETS.commitsPerGroup * Math.ceil(n / parallelism);

/**
 * Bytes per resource instance in a Terraform state file (its text as Terraform wrote it): the file
 * less the same state without resources, serialised the same way (Terraform indents by two
 * spaces, as JSON.stringify(…, null, 2)), divided by the number of instances.
 */
function stateBytesPerInstance(text) {
  const state = JSON.parse(text);
  const instances = state.resources.reduce((sum, r) => sum + r.instances.length, 0);
  if (instances === 0) throw new Error('stateBytesPerInstance: the state has no resource instances');
  const rest = Buffer.byteLength(`${JSON.stringify({ ...state, resources: [] }, null, 2)}\n`);
  return (Buffer.byteLength(text) - rest) / instances;
}

/**
 * The baseline's padding: terraform_data stores its input twice (input and output), so each
 * padding character adds 2 bytes per instance. The target is ours plus at least 50 bytes, rounded
 * up to 100 (505 B → 600 B), so that it stays above ours at larger N, where names grow by a digit
 * or three.
 */
function baselinePadding(oursBytes, unpaddedBaselineBytes) {
  const target = Math.ceil((oursBytes + 50) / 100) * 100;
  return { target, padding: Math.max(0, Math.ceil((target - unpaddedBaselineBytes) / 2)) };
}

const values = (records, key) => records.map((r) => r[key]);
const maxOf = (samples) => (samples?.length ? Math.max(...samples) : null);

/**
 * The budget rows: { figure, ours, baseline, ratio, budget, verdict }, figures computed from the
 * measurements in `results` (see bench/suites/provider.mjs for its shape).
 */
function budgetRows(results) {
  const { n, parallelism } = results;
  const rows = [];
  const ours = results.startup.subjects.find((s) => s.role === 'standalone');
  const node = results.startup.subjects.find((s) => s.role === 'node');
  const handshakeRatio = ours ? ratio(ours.ms, node.ms) : null;
  rows.push({
    figure: 'standalone provider (release zip, no node on PATH): handshake vs `node -e 0`',
    ours: ours ? fmt(stats(ours.ms), 'ms', 1) : `not measured (${results.provider.missingReason})`,
    baseline: fmt(stats(node.ms), 'ms', 1),
    ratio: handshakeRatio,
    budget: `≤ ${BUDGETS.handshakeRatio.toFixed(1)}×`,
    verdict: verdict(handshakeRatio, BUDGETS.handshakeRatio),
  });
  const timeRow = (figure, oursRecords, baseRecords, limit) => {
    const r = ratio(values(oursRecords, 'seconds'), values(baseRecords, 'seconds'));
    return { figure, ours: fmt(stats(values(oursRecords, 'seconds'))), baseline: fmt(stats(values(baseRecords, 'seconds'))), ratio: r, budget: `≤ ${limit}×`, verdict: verdict(r, limit) };
  };
  rows.push(timeRow('plan(1) vs `terraform_data`', results.plan1.ours, results.plan1.base, BUDGETS.plan1Ratio));
  for (const command of COMMANDS) {
    rows.push(timeRow(`N=${n} separate blocks: ${COMMAND_LABELS[command]} vs \`terraform_data\``, results.commands[command].ours, results.commands[command].base, BUDGETS.commandRatio));
  }
  const peakRss = maxOf(COMMANDS.flatMap((c) => values(results.commands[c].ours, 'peakRssMb')));
  rows.push({ figure: `provider peak RSS at N=${n}`, ours: peakRss === null ? '—' : `${peakRss.toFixed(0)} MB`, baseline: '', ratio: null, budget: `≤ ${BUDGETS.peakRssMb} MB`, verdict: verdict(peakRss, BUDGETS.peakRssMb) });
  const handshakeRss = maxOf(ours?.rssMb);
  rows.push({
    figure: 'provider RSS at handshake (standalone)',
    ours: handshakeRss === null ? 'not measured' : `${handshakeRss.toFixed(0)} MB`,
    baseline: '',
    ratio: null,
    budget: `≤ ${BUDGETS.handshakeRssMb} MB`,
    verdict: verdict(handshakeRss, BUDGETS.handshakeRssMb),
  });
  const zipMb = results.provider.zip ? results.provider.zip.bytes / MB : null;
  rows.push({ figure: 'zip (linux_amd64)', ours: zipMb === null ? 'not measured' : `${zipMb.toFixed(1)} MB`, baseline: '', ratio: null, budget: `≤ ${BUDGETS.zipMb} MB`, verdict: verdict(zipMb, BUDGETS.zipMb) });
  const commits = values(results.commands.create.ours, 'commits');
  const maxCommits = maxOf(commits);
  rows.push({
    figure: `commits for ${n} creates (-parallelism=${parallelism})`,
    ours: `${maxOf(commits)} (median ${median(commits)})`,
    baseline: '',
    ratio: null,
    budget: `≤ ${commitBudget(n, parallelism)} (2 × ceil(N/parallelism))`,
    verdict: verdict(maxCommits, commitBudget(n, parallelism)),
  });
  // The baseline's definition: at least our state per instance, else the ratios flatter us.
  const { ours: oursState, base: baseState } = results.stateBytes;
  rows.push({
    figure: `state bytes per instance at N=${n} (the baseline is fair when it holds at least ours)`,
    ours: `${oursState.toFixed(0)} B`,
    baseline: `${baseState.toFixed(0)} B`,
    ratio: oursState / baseState,
    budget: '≤ 1.0× (fair baseline)',
    verdict: verdict(oursState / baseState, 1),
  });
  return rows;
}

/**
 * Where the time of one command at N goes, from medians: Terraform's own (the terraform_data
 * baseline's wall time), launches (launch count × the provider's spawn → handshake time), provider
 * CPU after start-up (the provider processes' CPU less launches × their CPU at the handshake
 * line), the simulator's CPU; the rest is what these do not account for (waiting on round trips
 * and commits, or, when negative, work that ran in parallel on the cores).
 */
function breakdown(oursRecords, baseRecords, start) {
  const wall = median(values(oursRecords, 'seconds'));
  const terraformOwn = median(values(baseRecords, 'seconds'));
  const launchCount = median(values(oursRecords, 'launches'));
  const launches = launchCount * (start.ms / 1000);
  const providerCpu = median(values(oursRecords, 'providerCpu'));
  const startCpu = launchCount * (start.cpuMs / 1000);
  const providerCpuAfterStart = providerCpu - startCpu;
  const simulatorCpu = median(values(oursRecords, 'simulatorCpu'));
  const requests = median(values(oursRecords, 'requests'));
  const rest = wall - terraformOwn - launches - providerCpuAfterStart - simulatorCpu;
  return {
    wall,
    terraformOwn,
    launchCount,
    launches,
    providerCpu,
    startCpu,
    providerCpuAfterStart,
    simulatorCpu,
    requests,
    rest,
    terraformCpu: median(values(oursRecords, 'terraformCpu')),
    baselineTerraformCpu: median(values(baseRecords, 'terraformCpu')),
  };
}

const runsText = (k) => `${k} run${k === 1 ? '' : 's'}`;
const times = (x) => (x === null ? '—' : `${x.toFixed(2)}×`);
const seconds = (x) => `${x.toFixed(2)} s`;
const share = (part, whole) => `${((100 * part) / whole).toFixed(0)} %`;

/** The suite's Markdown section. */
function renderReport(results) {
  const { n, parallelism, provider } = results;
  const rows = budgetRows(results);
  const standalone = provider.kind === 'standalone';
  let md = `## The provider against \`terraform_data\` (issue 25's budgets)\n\n`;
  md += `Load average when the suite started: ${results.load} (${results.cores} cores)${results.quick ? '. **Quick mode** (SPS_BENCH_QUICK=1): one run per cell, a smoke test, not a measurement' : ''}. `;
  md += standalone
    ? `Terraform runs the standalone provider from \`release/${provider.zip.name}\` (built by \`npm run release\`; ${(provider.zip.executableBytes / MB).toFixed(1)} MB executable) through the release's filesystem mirror, with no node on PATH. `
    : `No standalone provider (${provider.missingReason}): Terraform runs the Node script (\`dist/terraform-provider-sps.js\`) instead, and the standalone rows are not measured. `;
  const padded = results.stateBytes.padding ? `, its input string padded by ${results.stateBytes.padding} characters,` : '';
  md += `The subject is N=${n} separate \`sps_user_list\` blocks; the baseline, in the same invocation, is N separate \`terraform_data\` blocks whose state per instance${padded} (${results.stateBytes.base.toFixed(0)} B) is at least one user list's (${results.stateBytes.ours.toFixed(0)} B). `;
  md += `Each run creates the N objects, plans with no change (\`-detailed-exitcode\`: a plan with changes fails the run), updates all N (user lists: \`allow\`; baseline: the input, same length) and destroys them; \`-parallelism=${parallelism}\`. Runs alternate which goes first. Times are medians with (min–max) of ${runsText(results.runs.large)} at N=${n} and ${runsText(results.runs.small)} of plan(1); every ratio divides two medians of this invocation. MB = 10⁶ bytes.\n\n`;

  md += `### Budgets\n\n| figure | ours | baseline | ratio | budget | |\n|---|---|---|---|---|---|\n`;
  for (const row of rows) md += `| ${row.figure} | ${row.ours} | ${row.baseline} | ${times(row.ratio)} | ${row.budget} | ${VERDICT_MD[row.verdict]} |\n`;
  md += `\nPeak RSS and commits are the largest of all runs (also under load); RSS is \`VmHWM\` from \`/proc/<pid>/status\` of each provider process Terraform launched.\n\n`;

  md += `### N=${n} separate blocks, per command (medians)\n\n| command | ours | \`terraform_data\` | ratio | requests | commits | logins | provider launches | provider peak RSS | provider CPU | Terraform CPU (ours / baseline) | simulator CPU |\n|---|---|---|---|---|---|---|---|---|---|---|---|\n`;
  for (const command of COMMANDS) {
    const { ours, base } = results.commands[command];
    const med = (key) => median(values(ours, key));
    md += `| ${COMMAND_LABELS[command]} | ${fmt(stats(values(ours, 'seconds')))} | ${fmt(stats(values(base, 'seconds')))} | ${times(ratio(values(ours, 'seconds'), values(base, 'seconds')))} | ${med('requests')} | ${med('commits')} | ${med('logins')} | ${med('launches')} | ${maxOf(values(ours, 'peakRssMb')).toFixed(0)} MB | ${seconds(med('providerCpu'))} | ${seconds(med('terraformCpu'))} / ${seconds(median(values(base, 'terraformCpu')))} | ${seconds(med('simulatorCpu'))} |\n`;
  }
  md += `\nState bytes per instance after the create: ours ${results.stateBytes.ours.toFixed(0)} B, \`terraform_data\` ${results.stateBytes.base.toFixed(0)} B (the state file less the same state without resources, divided by N).\n\n`;

  md += `### Start-up: spawn → handshake line, ${runsText(results.startup.runs)} each, interleaved, environment PATH only\n\n| | median (min–max) | ratio to \`node -e 0\` | RSS at handshake | CPU at handshake |\n|---|---|---|---|---|\n`;
  const node = results.startup.subjects.find((s) => s.role === 'node');
  for (const s of results.startup.subjects) {
    const rss = s.rssMb ? `${median(s.rssMb).toFixed(0)} MB` : '—';
    const cpu = s.cpuMs ? `${median(s.cpuMs).toFixed(0)} ms` : '—';
    md += `| ${s.name} | ${fmt(stats(s.ms), 'ms', 1)} | ${times(ratio(s.ms, node.ms))} | ${rss} | ${cpu} |\n`;
  }
  md += `\nThe standalone provider runs with PATH stripped of every directory that holds a \`node\`; the Node script needs one. \`node -e 0\` is timed to its exit.\n\n`;

  const used = results.startup.subjects.find((s) => s.role === provider.kind);
  const start = { ms: median(used.ms), cpuMs: median(used.cpuMs) };
  const parts = { [`plan(${n})`]: breakdown(results.commands.plan.ours, results.commands.plan.base, start), [`apply(${n}), create`]: breakdown(results.commands.create.ours, results.commands.create.base, start) };
  const names = Object.keys(parts);
  md += `### Where the time goes\n\n| | ${names.join(' | ')} |\n|---|${names.map(() => '---').join('|')}|\n`;
  const line = (label, f) => (md += `| ${label} | ${names.map((name) => f(parts[name])).join(' | ')} |\n`);
  line('wall time, ours', (p) => seconds(p.wall));
  line("Terraform's own (`terraform_data`, same N, same command)", (p) => `${seconds(p.terraformOwn)} (${share(p.terraformOwn, p.wall)})`);
  line('launches (count × spawn → handshake)', (p) => `${p.launchCount} × ${(start.ms / 1000).toFixed(3)} s = ${seconds(p.launches)} (${share(p.launches, p.wall)})`);
  line('provider CPU after start-up (all processes, less launches × CPU at handshake)', (p) => `${seconds(p.providerCpu)} − ${seconds(p.startCpu)} = ${seconds(p.providerCpuAfterStart)} (${share(p.providerCpuAfterStart, p.wall)})`);
  line('network and simulator (simulator CPU; requests)', (p) => `${seconds(p.simulatorCpu)} (${share(p.simulatorCpu, p.wall)}); ${p.requests} requests`);
  line('rest (waiting; negative: parts ran side by side)', (p) => `${seconds(p.rest)} (${share(p.rest, p.wall)})`);
  line('for comparison: Terraform process CPU, ours / baseline', (p) => `${seconds(p.terraformCpu)} / ${seconds(p.baselineTerraformCpu)}`);
  md += `
How each part is measured:
- **Terraform's own**: the wall time of the same command on the \`terraform_data\` baseline (same N, separate blocks, no provider process), measured in the same invocation.
- **Launches**: the number of provider processes Terraform started during the command (children of the \`terraform\` process, found in \`/proc/<pid>/task/*/children\` every 20 ms) × the provider's median spawn → handshake time from the start-up table (${(start.ms / 1000).toFixed(3)} s, ${provider.kind === 'standalone' ? 'the standalone executable' : 'the Node script'}).
- **Provider CPU**: the sum of \`utime + stime\` (\`/proc/<pid>/stat\`) of those processes, last sampled before each exits (so up to 20 ms per process short); the part a start costs (CPU at the handshake line × launches) is counted under launches, not here. Which code that CPU goes to (Bun's HTTP/2 server, the HTTP client, zod, the cty codec, protobuf, our provider code, JIT and GC threads) is shown per process by \`node bench/profile-provider.mjs [--n 300]\`, a CPU profile of the standalone executable through a real plan and apply.
- **Network and simulator**: the simulator is a separate process on loopback; its CPU (\`/proc/<pid>/stat\`) during the command, and the requests it counted.
- **Rest**: wall time less the parts above: time nobody computes (round trips, commit gathers, Terraform waiting on the provider) or, when negative, parts that overlapped on the ${results.cores} cores. Terraform's own CPU rises with a provider (gRPC, msgpack, a larger schema), which the comparison line shows.
`;

  if (provider.zip) md += `\nRelease archive: \`${provider.zip.name}\`, ${(provider.zip.bytes / MB).toFixed(1)} MB, executable ${(provider.zip.executableBytes / MB).toFixed(1)} MB.\n`;
  return md;
}

module.exports = { BUDGETS, COMMANDS, baselinePadding, breakdown, budgetRows, commitBudget, ratio, renderReport, stateBytesPerInstance, verdict };
