// The provider against the simulator, two ways side by side, and in the same run the same number
// of terraform_data resources as the baseline: start-up, plan/apply/destroy times, API calls,
// peak memory. The two ways: the standalone executable from the release (npm run release; compiled
// by Bun) through the release's packed filesystem mirror, and the Node script
// (dist/terraform-provider-sps.js) run by this machine's node.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import install from '../../scripts/lib/provider-install.cjs';
import { hostBun } from '../../scripts/release/tools.mjs';
import { fmt, repoRoot, startSimulator, stats, workspace } from '../lib.mjs';
import { measureStartup } from '../startup.mjs';

function mixedResources(n) {
  let text = '';
  for (let i = 0; i < n; i++) {
    text +=
      i % 2 === 0
        ? `resource "sps_user_list" "r${i}" {\n  name = "list-${i}"\n  allow = "no_user"\n  except = ["user${i}"]\n}\n`
        : `resource "sps_http_connection_policy" "r${i}" {\n  name = "policy-${i}"\n  network = { clients = ["10.0.0.0/8"], targets = ["10.1.${i % 250}.1"], ports = [443] }\n  server_address = { selection = "fix", address = "app${i}.example.com", port = 8443 }\n  policies = { channel_policy = "-304001002", settings = "-3040010", audit_policy = "-10000", authentication_policy = "-304002001" }\n}\n`;
  }
  return text;
}

const baselineResources = (n) => `resource "terraform_data" "r" {\n  count = ${n}\n  input = "value-\${count.index}"\n}\n`;

/** Peak RSS of the provider processes (either kind) while `fn` runs (sampled from ps every 50 ms). */
async function peakProviderRss(fn) {
  let peak = 0;
  const sample = () => {
    try {
      const out = execFileSync('ps', ['-eo', 'rss=,args='], { encoding: 'utf8' });
      for (const line of out.split('\n')) if (line.includes('terraform-provider-sps')) peak = Math.max(peak, Number(line.trim().split(/\s+/)[0]) / 1024);
    } catch {
      // No such process right now: nothing to sample.
    }
  };
  const timer = setInterval(sample, 50);
  try {
    await fn();
  } finally {
    clearInterval(timer);
  }
  return peak;
}

/** Builds (or reuses) the release, and unpacks the linux_amd64 executable for the start-up measurement. */
function standaloneRelease(scratch) {
  execFileSync(process.execPath, [join(repoRoot, 'scripts/release.mjs'), '--quiet'], { stdio: 'inherit' });
  const release = JSON.parse(readFileSync(join(repoRoot, 'release/release.json'), 'utf8'));
  const archive = release.archives.find((a) => a.platform === 'linux_amd64');
  const { readZipEntries } = createRequire(import.meta.url)(join(repoRoot, 'dist/install/zip-entry.js'));
  const [entry] = readZipEntries(join(repoRoot, 'release', archive.zip));
  const executable = join(scratch, entry.name);
  writeFileSync(executable, entry.data);
  chmodSync(executable, 0o755);
  return { release, archive, executable, mirror: join(repoRoot, 'release', release.filesystemMirror), bunExecutable: hostBun() };
}

const KINDS = ['standalone', 'script'];

// The subjects of the start-up measurement, by the names the report finds them by.
const STANDALONE_LABEL = 'standalone executable';
const NODE_LABEL = `\`node -e 0\` (this machine's Node ${process.version})`;
const embeddedBunLabel = (release) => `\`bun -e 0\` (the embedded Bun v${release.bun})`;

/**
 * `terraform apply` runs two provider processes that talk to the appliance (the plan walk checks the
 * login; the apply walk writes). Split into `plan -out` and `apply <plan>`, each command has one such
 * process, so its counters are that process's: the "1 login per process" budget, measured. Untimed.
 */
async function countPerProcess(sps, simulator) {
  const args = ['-input=false', '-parallelism=10'];
  await simulator.reset();
  await sps.run('plan', ...args, '-out=create.tfplan');
  const createPlan = await simulator.counters();
  await simulator.reset();
  await sps.run('apply', ...args, 'create.tfplan');
  const createApply = await simulator.counters();
  await sps.run('destroy', '-auto-approve', ...args);
  return { createPlan, createApply };
}

export async function run({ sizes = [1, 100, 1000], runs = 5 } = {}) {
  const scratch = mkdtempSync(join(tmpdir(), 'sps-bench-release-'));
  const standalone = standaloneRelease(scratch);
  const results = { startup: null, sizes: [] };
  let load;
  try {
    console.log('start-up …');
    load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
    results.startup = await measureStartup({
      runs: 30,
      providers: { [STANDALONE_LABEL]: standalone.executable, 'Node script': join(repoRoot, 'dist/terraform-provider-sps.js') },
      nodes: { [NODE_LABEL]: process.execPath, [embeddedBunLabel(standalone.release)]: standalone.bunExecutable },
    });
    // The Node script, installed once: every workspace of it (and of the baseline) uses this mirror.
    const scriptMirror = install.installProvider({ dir: join(scratch, 'script-mirror') }).mirrorDir;

    const simulator = await startSimulator();
    try {
      for (const n of sizes) {
        console.log(`N = ${n} …`);
        const measured = { n, calls: {}, peakRssMb: {}, standalone: {}, script: {}, baseline: { plan: [], apply: [], destroy: [] } };
        for (const kind of KINDS) {
          measured[kind] = { plan: [], apply: [], destroy: [] };
          measured.peakRssMb[kind] = 0;
          measured.calls[kind] = {};
        }
        const repeats = n >= 1000 ? 1 : runs;
        for (let r = 0; r < repeats; r++) {
          // Interleaved: standalone, script, baseline; the same resources, the same simulator.
          for (const kind of KINDS) {
            const sps = await workspace(simulator.url, mixedResources(n), { mirror: kind === 'standalone' ? standalone.mirror : scriptMirror });
            try {
              await simulator.reset();
              let applyTime = 0;
              const rss = await peakProviderRss(async () => {
                applyTime = await sps.run('apply', '-auto-approve', '-input=false', '-parallelism=10');
              });
              measured[kind].apply.push(applyTime);
              measured.peakRssMb[kind] = Math.max(measured.peakRssMb[kind], rss);
              if (r === 0) measured.calls[kind].apply = await simulator.counters();
              await simulator.reset();
              const planRss = await peakProviderRss(async () => {
                measured[kind].plan.push(await sps.run('plan', '-input=false', '-parallelism=10', '-detailed-exitcode'));
              });
              measured.peakRssMb[kind] = Math.max(measured.peakRssMb[kind], planRss);
              if (r === 0) measured.calls[kind].plan = await simulator.counters();
              measured[kind].destroy.push(await sps.run('destroy', '-auto-approve', '-input=false', '-parallelism=10'));
              if (r === 0) Object.assign(measured.calls[kind], await countPerProcess(sps, simulator));
            } finally {
              sps.cleanup();
            }
          }
          const base = await workspace(null, baselineResources(n), { mirror: scriptMirror });
          try {
            measured.baseline.apply.push(await base.run('apply', '-auto-approve', '-input=false', '-parallelism=10'));
            measured.baseline.plan.push(await base.run('plan', '-input=false', '-parallelism=10', '-detailed-exitcode'));
            measured.baseline.destroy.push(await base.run('destroy', '-auto-approve', '-input=false', '-parallelism=10'));
          } finally {
            base.cleanup();
          }
        }
        results.sizes.push(measured);
      }
    } finally {
      simulator.stop();
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  return report(results, standalone, load);
}

const verdict = (ok) => (ok ? 'met' : '**NOT met**');

function report(results, standalone, load) {
  const summarizeCalls = (c) => {
    const gets = Object.entries(c.requests).filter(([k]) => k.startsWith('GET ') && !k.includes('/api/authentication')).reduce((a, [, v]) => a + v, 0);
    const writes = Object.entries(c.requests).filter(([k]) => /^(POST|PUT|DELETE) \/api\/configuration/.test(k)).reduce((a, [, v]) => a + v, 0);
    return `${c.logins} logins, ${gets} GETs, ${writes} writes, ${c.commits} commits (${c.totalRequests} requests)`;
  };
  const s = results.startup.results;
  const [standaloneStartup, nodeStartup, embeddedBunStartup] = [s[STANDALONE_LABEL], s[NODE_LABEL], s[embeddedBunLabel(standalone.release)]];
  const budgets = [];
  let md = `Load average when the suite started: ${load} (${cpus().length} cores). The standalone executable is \`release/${standalone.archive.zip}\` (Bun ${standalone.release.bun}); the Node script runs on this machine's Node ${process.version}.\n\n`;

  md += `## Provider start-up (spawn → handshake line), ${results.startup.runs} runs each, interleaved, environment PATH only\n\n| | median (min–max) | ratio to \`node -e 0\` |\n|---|---|---|\n`;
  for (const [name, value] of Object.entries(s)) md += `| ${name} | ${fmt(value, 'ms', 1)} | ${(value.median / nodeStartup.median).toFixed(2)}× |\n`;
  const startupRatio = standaloneStartup.median / nodeStartup.median;
  budgets.push(['spawn → handshake, standalone', `${standaloneStartup.median.toFixed(1)} ms = ${startupRatio.toFixed(2)}× \`node -e 0\` (${(standaloneStartup.median / embeddedBunStartup.median).toFixed(2)}× the embedded Bun's)`, '≤ 1.1×', startupRatio <= 1.1]);
  md += `\n`;

  md += `## terraform plan / apply / destroy (N mixed user lists and HTTP connection policies vs N terraform_data)\n\n| N | step | standalone | Node script | terraform_data | standalone ratio | Node script ratio |\n|---|---|---|---|---|---|---|\n`;
  for (const m of results.sizes) {
    for (const step of ['plan', 'apply', 'destroy']) {
      const a = stats(m.standalone[step]);
      const b = stats(m.script[step]);
      const base = stats(m.baseline[step]);
      md += `| ${m.n} | ${step} | ${fmt(a)} | ${fmt(b)} | ${fmt(base)} | ${(a.median / base.median).toFixed(1)}× | ${(b.median / base.median).toFixed(1)}× |\n`;
      const limit = step === 'plan' && m.n === 1 ? 6 : (step === 'plan' || step === 'apply') && m.n === 1000 ? 3 : undefined;
      if (limit) budgets.push([`${step}(${m.n}), standalone`, `${a.median.toFixed(2)} s = ${(a.median / base.median).toFixed(1)}× terraform_data`, `≤ ${limit}×`, a.median / base.median <= limit]);
    }
  }

  md += `\n## API calls per run (simulator counters)\n\n| N | provider | plan (no changes) | apply (create, one command) | plan -out (create) | apply <plan> (create) | commit budget ceil(N/10)+1 |\n|---|---|---|---|---|---|---|\n`;
  for (const m of results.sizes) {
    for (const kind of KINDS) {
      const c = m.calls[kind];
      md += `| ${m.n} | ${kind} | ${summarizeCalls(c.plan)} | ${summarizeCalls(c.apply)} | ${summarizeCalls(c.createPlan)} | ${summarizeCalls(c.createApply)} | ${Math.ceil(m.n / 10) + 1} |\n`;
    }
    const c = m.calls.standalone;
    const refresh = c.plan.totalRequests;
    const perProcess = [c.plan, c.createPlan, c.createApply].map((x) => x.logins);
    budgets.push([
      `API calls at N = ${m.n}, standalone`,
      `${perProcess.join('/')} logins (refresh/plan -out/apply <plan>), ${c.apply.commits} commits, refresh ${refresh} requests`,
      `1 login per process, ≤ ${Math.ceil(m.n / 10) + 1} commits, ≤ ${m.n + 2} requests`,
      perProcess.every((logins) => logins <= 1) && c.apply.commits <= Math.ceil(m.n / 10) + 1 && c.createApply.commits <= Math.ceil(m.n / 10) + 1 && refresh <= m.n + 2,
    ]);
  }
  md +=
    '\nA plan starts three provider processes; only the one that refreshes talks to the appliance. `terraform apply` without a saved plan has two that do: the plan walk (it checks the login and the referenced keys before anything is written) and the apply walk; each logs in once, which the split `plan -out` / `apply <plan>` columns show per command.\n\n';
  md += `## Peak provider memory (RSS of one provider process, during apply and plan)\n\n| N | standalone | Node script |\n|---|---|---|\n`;
  for (const m of results.sizes) md += `| ${m.n} | ${m.peakRssMb.standalone.toFixed(0)} MB | ${m.peakRssMb.script.toFixed(0)} MB |\n`;
  const largest = results.sizes.at(-1);
  if (largest.n === 1000) budgets.push(['peak RSS at N = 1000, standalone', `${largest.peakRssMb.standalone.toFixed(0)} MB`, '≤ 120 MB', largest.peakRssMb.standalone <= 120]);

  md += `\n## Release archives\n\n| archive | zip | executable |\n|---|---|---|\n`;
  for (const a of standalone.release.archives) md += `| ${a.zip} | ${(a.zipBytes / 1e6).toFixed(1)} MB (${(a.zipBytes / 2 ** 20).toFixed(1)} MiB) | ${(a.executableBytes / 1e6).toFixed(1)} MB |\n`;
  const zip = standalone.archive.zipBytes;
  budgets.push(['release zip (linux_amd64)', `${(zip / 1e6).toFixed(1)} MB`, '≤ 45 MB', zip <= 45e6]);

  md += `\n## Budgets (standalone executable, this run)\n\n| figure | measured | budget | |\n|---|---|---|---|\n`;
  for (const [figure, value, budget, ok] of budgets) md += `| ${figure} | ${value} | ${budget} | ${verdict(ok)} |\n`;
  md += `\nRelease build: \`npm run release\` (${statSync(join(repoRoot, 'release/release.json')).mtime.toISOString()}).\n`;
  return md;
}
