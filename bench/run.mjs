// npm run bench [-- --sizes 1,100,1000 --runs 5]
// Measures the provider against the simulator and, in the same run, the same number of
// terraform_data resources as the baseline; writes BENCHMARKS.md (medians, min/max, ratios).
import { execFile, execFileSync, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import { cpus, totalmem, tmpdir } from 'node:os';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import install from '../scripts/lib/provider-install.cjs';
import { measureStartup } from './startup.mjs';

const { installProvider, writeMirrorCliConfig, repoRoot } = install;
const { values } = parseArgs({ options: { sizes: { type: 'string', default: '1,100,1000' }, runs: { type: 'string', default: '5' }, out: { type: 'string', default: join(repoRoot, 'BENCHMARKS.md') } } });
const sizes = values.sizes.split(',').map(Number);
const runs = Number(values.runs);

const stats = (samples) => {
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { median, min: sorted[0], max: sorted.at(-1) };
};
const fmt = (s, unit = 's', digits = 2) => `${s.median.toFixed(digits)} ${unit} (${s.min.toFixed(digits)}–${s.max.toFixed(digits)})`;

async function startSimulator() {
  const child = spawn(process.execPath, [join(repoRoot, 'dist/bin/sps-simulator.js'), '--port', '0', '--quiet'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await new Promise((resolve) => child.stdout.once('data', (c) => resolve(String(c).split('\n')[0])));
  const url = line.replace('sps-simulator listening on ', '');
  const auth = { authorization: `Basic ${Buffer.from('admin:admin').toString('base64')}` };
  // An idle keep-alive connection may be closed by the server just as it is reused: try again once.
  const control = async (method) => {
    try {
      return await fetch(`${url}/_simulator/counters`, { method, headers: auth });
    } catch {
      return fetch(`${url}/_simulator/counters`, { method, headers: auth });
    }
  };
  return {
    url,
    counters: async () => (await control('GET')).json(),
    reset: async () => control('DELETE'),
    stop: () => child.kill(),
  };
}

async function workspace(simulatorUrl, body) {
  const dir = mkdtempSync(join(tmpdir(), 'sps-bench-'));
  const { mirrorDir } = installProvider({ dir: join(dir, '.mirror') });
  writeMirrorCliConfig(join(dir, '.terraformrc'), mirrorDir);
  const provider = simulatorUrl
    ? `terraform {\n  required_providers {\n    sps = { source = "sps-iac/sps" }\n  }\n}\nprovider "sps" {\n  url = "${simulatorUrl}"\n  username = "admin"\n  password = "admin"\n}\n`
    : '';
  writeFileSync(join(dir, 'main.tf'), provider + body);
  const env = { ...process.env, TF_CLI_CONFIG_FILE: join(dir, '.terraformrc'), CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1' };
  // Asynchronous, so the memory sampler keeps running while terraform does.
  const run = async (...args) => {
    const started = process.hrtime.bigint();
    // With -detailed-exitcode a plan that is not empty fails the benchmark: it would be a perpetual diff.
    await promisify(execFile)('terraform', args, { cwd: dir, env, maxBuffer: 1 << 28 });
    return Number(process.hrtime.bigint() - started) / 1e9;
  };
  await run('init', '-input=false');
  return { dir, run, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

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

/** Peak RSS of the provider processes while `fn` runs (sampled from /proc every 50 ms). */
async function peakProviderRss(fn) {
  let peak = 0;
  const sample = () => {
    try {
      const out = execFileSync('ps', ['-C', 'node', '-o', 'rss=,args='], { encoding: 'utf8' });
      for (const line of out.split('\n')) if (line.includes('terraform-provider-sps')) peak = Math.max(peak, Number(line.trim().split(/\s+/)[0]) / 1024);
    } catch {}
  };
  const timer = setInterval(sample, 50);
  try {
    await fn();
  } finally {
    clearInterval(timer);
  }
  return peak;
}

const results = { startup: null, sizes: [] };
console.log('start-up …');
results.startup = await measureStartup({ runs: 20 });

const simulator = await startSimulator();
try {
  for (const n of sizes) {
    console.log(`N = ${n} …`);
    const measured = { n, provider: { plan: [], apply: [], destroy: [] }, baseline: { plan: [], apply: [], destroy: [] }, calls: {}, peakRssMb: 0 };
    const repeats = n >= 1000 ? 1 : runs;
    for (let r = 0; r < repeats; r++) {
      const sps = await workspace(simulator.url, mixedResources(n));
      const base = await workspace(null, baselineResources(n));
      try {
        await simulator.reset();
        let applyTime = 0;
        const rss = await peakProviderRss(async () => {
          applyTime = await sps.run('apply', '-auto-approve', '-input=false', '-parallelism=10');
        });
        measured.provider.apply.push(applyTime);
        measured.peakRssMb = Math.max(measured.peakRssMb, rss);
        if (r === 0) measured.calls.apply = await simulator.counters();
        await simulator.reset();
        measured.provider.plan.push(await sps.run('plan', '-input=false', '-parallelism=10', '-detailed-exitcode'));
        if (r === 0) measured.calls.plan = await simulator.counters();
        measured.provider.destroy.push(await sps.run('destroy', '-auto-approve', '-input=false', '-parallelism=10'));
        measured.baseline.apply.push(await base.run('apply', '-auto-approve', '-input=false', '-parallelism=10'));
        measured.baseline.plan.push(await base.run('plan', '-input=false', '-parallelism=10', '-detailed-exitcode'));
        measured.baseline.destroy.push(await base.run('destroy', '-auto-approve', '-input=false', '-parallelism=10'));
      } finally {
        sps.cleanup();
        base.cleanup();
      }
    }
    results.sizes.push(measured);
  }
} finally {
  simulator.stop();
}

const summarizeCalls = (c) => {
  const gets = Object.entries(c.requests).filter(([k]) => k.startsWith('GET ') && !k.includes('/api/authentication')).reduce((a, [, v]) => a + v, 0);
  const writes = Object.entries(c.requests).filter(([k]) => /^(POST|PUT|DELETE) \/api\/configuration/.test(k)).reduce((a, [, v]) => a + v, 0);
  return `${c.logins} logins, ${gets} GETs, ${writes} writes, ${c.commits} commits (${c.totalRequests} requests)`;
};

const tfVersion = execFileSync('terraform', ['version'], { encoding: 'utf8' }).split('\n')[0];
let md = `# Benchmarks\n\nGenerated by \`npm run bench\` on ${new Date().toISOString()}. Medians with (min–max).\n\n`;
md += `- Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB\n- Node ${process.version}, ${tfVersion}\n- Simulator: separate process on loopback; \`-parallelism=10\`\n\n`;
const s = results.startup;
md += `## Provider start-up (spawn → handshake line), ${s.runs} runs\n\n| | median (min–max) |\n|---|---|\n| terraform-provider-sps | ${fmt(s.provider, 'ms', 1)} |\n| \`node -e 0\` (baseline) | ${fmt(s.node, 'ms', 1)} |\n\nBudget: median ≤ 100 ms.\n\n`;
md += `## terraform plan / apply / destroy (N mixed user lists and HTTP connection policies vs N terraform_data)\n\n| N | step | sps provider | terraform_data | ratio |\n|---|---|---|---|---|\n`;
for (const m of results.sizes) {
  for (const step of ['plan', 'apply', 'destroy']) {
    const p = stats(m.provider[step]);
    const b = stats(m.baseline[step]);
    md += `| ${m.n} | ${step} | ${fmt(p)} | ${fmt(b)} | ${(p.median / b.median).toFixed(1)}× |\n`;
  }
}
md += `\nBudgets: plan of 1 resource ≤ 0.4 s median; plan of 1000 ≤ 3× the baseline.\n\n## API calls per run (simulator counters)\n\n| N | plan (no changes) | apply (create) | commit budget ceil(N/10)+1 |\n|---|---|---|---|\n`;
for (const m of results.sizes) md += `| ${m.n} | ${summarizeCalls(m.calls.plan)} | ${summarizeCalls(m.calls.apply)} | ${Math.ceil(m.n / 10) + 1} |\n`;
md += `\nA plan starts three provider processes; only the one that refreshes talks to the appliance.\n\n## Peak provider memory (RSS during apply)\n\n| N | peak RSS |\n|---|---|\n`;
for (const m of results.sizes) md += `| ${m.n} | ${m.peakRssMb.toFixed(0)} MB |\n`;
md += `\nBudget: 150 MB at N = 1000.\n`;
writeFileSync(values.out, md);
console.log(md);
