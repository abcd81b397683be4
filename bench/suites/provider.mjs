// The provider against the simulator, and in the same run the same number of terraform_data
// resources as the baseline: start-up, plan/apply/destroy times, API calls, peak memory.
import { execFileSync } from 'node:child_process';
import { fmt, startSimulator, stats, workspace } from '../lib.mjs';
import { measureStartup } from '../startup.mjs';

export const title = 'provider';

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

export async function run({ sizes = [1, 100, 1000], runs = 5 } = {}) {
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

let md = '';
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
return md;
}
