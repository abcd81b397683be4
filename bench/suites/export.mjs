// sps-export against the simulator: wall time of the command (a separate process, as users run
// it) for N objects, in both formats, against a baseline measured in the same run: a separate node
// process that sends the same requests as plain GETs (same login, same concurrency). Plus the
// request count against the budget N + kinds + 2.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { fmt, repoRoot, startSimulator, stats, timed } from '../lib.mjs';

const exec = promisify(execFile);
const BASIC = `Basic ${Buffer.from('admin:admin').toString('base64')}`;
const model = createRequire(import.meta.url)(join(repoRoot, 'dist/model/index.js'));
// The three exported kinds first: the baseline lists those.
const PATHS = { userLists: model.userLists.path, policies: model.httpConnectionPolicies.path, apiClients: model.apiClients.path, groups: model.localGroups.path };
const builtinKey = (spec) => spec.builtins[0].key;
const BUILTIN_POLICIES = {
  channel_policy: builtinKey(model.httpChannelPolicies),
  settings: builtinKey(model.httpSettingsPolicies),
  audit_policy: builtinKey(model.auditPolicies),
  authentication_policy: builtinKey(model.httpAuthenticationPolicies),
};

/** N objects through the REST API in one commit: 40 % user lists, 40 % HTTP connection policies, 20 % API clients. */
async function fill(url, n) {
  const login = await fetch(`${url}/api/authentication`, { headers: { authorization: BASIC } });
  const cookie = /session_id=[^;]+/.exec(login.headers.get('set-cookie'))[0];
  const post = async (path, body) => {
    const response = await fetch(`${url}${path}`, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (response.status !== 201) throw new Error(`POST ${path} → ${response.status} ${await response.text()}`);
    return (await response.json()).key;
  };
  const groups = [await post(PATHS.groups, { name: 'siem-operators' }), await post(PATHS.groups, { name: 'auditors' })];
  const lists = Math.ceil(n * 0.4);
  const policies = n === 1 ? 0 : Math.ceil(n * 0.4);
  for (let i = 0; i < n; i++) {
    if (i < lists) await post(PATHS.userLists, { name: `list-${i}`, allow: 'no_user', except: [`user${i}`, 'root'] });
    else if (i < lists + policies) {
      await post(PATHS.policies, {
        name: `policy-${i}`,
        network: { clients: ['10.0.0.0/8'], targets: [`10.1.${i % 250}.0/24`], ports: [443] },
        server_address: { selection: 'fix', address: `app${i}.example.com`, port: 8443 },
        rate_limit: { enabled: true, value: 60 },
        policies: BUILTIN_POLICIES,
      });
    } else await post(PATHS.apiClients, { name: `client-${i}`, scopes: ['logs'], applies_to: { selection: 'groups', groups } });
  }
  const commit = await fetch(`${url}/api/transaction`, { method: 'PUT', headers: { cookie, 'content-type': 'application/json' }, body: '{"status":"commit"}' });
  if (commit.status !== 200) throw new Error(`commit → ${commit.status}`);
  await fetch(`${url}/api/authentication`, { method: 'DELETE', headers: { cookie } });
}

// The baseline: login, one list per kind, then the same number of GETs as the export sends, 8 at a time, and logout.
const BASELINE = `
const [url, count] = [process.argv[1], Number(process.argv[2])];
const basic = 'Basic ' + Buffer.from('admin:admin').toString('base64');
const login = await fetch(url + '/api/authentication', { headers: { authorization: basic } });
const cookie = /session_id=[^;]+/.exec(login.headers.get('set-cookie'))[0];
const get = async (path) => (await fetch(url + path, { headers: { cookie } })).json();
const lists = await Promise.all(${JSON.stringify(Object.values(PATHS).slice(0, 3))}.map(async (path) => (await get(path)).items.map((item) => path + '/' + item.key)));
const paths = lists.flat();
let next = 0;
await Promise.all(Array.from({ length: 8 }, async () => { while (next < count) { const i = next++; await get(paths[i % paths.length]); } }));
await fetch(url + '/api/authentication', { method: 'DELETE', headers: { cookie } });
`;

export async function run({ sizes = [1, 100, 1000], runs = 5 } = {}) {
  const rows = [];
  for (const n of sizes) {
    console.log(`N = ${n} …`);
    const simulator = await startSimulator();
    const scratch = mkdtempSync(join(tmpdir(), 'sps-bench-export-'));
    try {
      await fill(simulator.url, n);
      const env = { ...process.env, SPS_URL: simulator.url, SPS_USERNAME: 'admin', SPS_PASSWORD: 'admin' };
      const row = { n, hcl: [], cdktf: [], baseline: [], requests: undefined, read: undefined };
      const repeats = n >= 1000 ? 3 : runs;
      for (let r = 0; r < repeats; r++) {
        for (const format of ['hcl', 'cdktf']) {
          const out = join(scratch, `${format}-${r}`);
          await simulator.reset();
          let stdout = '';
          row[format].push(
            await timed(async () => {
              ({ stdout } = await exec(process.execPath, [join(repoRoot, 'dist/bin/sps-export.js'), '--format', format, '--out', out, '--quiet'], { env }));
            }),
          );
          if (r === 0 && format === 'hcl') {
            row.requests = await simulator.counters();
            row.read = Number(/read (\d+) objects from (\d+) collections/.exec(stdout)[1]);
          }
        }
        // The same number of GETs as the export's object reads.
        row.baseline.push(await timed(() => exec(process.execPath, ['--input-type=module', '-e', BASELINE, simulator.url, String(row.read)])));
      }
      rows.push(row);
    } finally {
      simulator.stop();
      rmSync(scratch, { recursive: true, force: true });
    }
  }

  let md = `## sps-export (N objects: 40 % user lists, 40 % HTTP connection policies, 20 % API clients)\n\n`;
  md += 'Wall time of `sps-export` (a new node process, login to logout, files written) against a baseline in the same run: a new node process that logs in, lists the three kinds and sends as many plain GETs as the export reads objects (8 in flight, as the export), then logs out.\n\n';
  md += '| N | --format hcl | --format cdktf | plain GETs (baseline) | ratio (hcl) |\n|---|---|---|---|---|\n';
  for (const row of rows) {
    const hcl = stats(row.hcl);
    md += `| ${row.n} | ${fmt(hcl)} | ${fmt(stats(row.cdktf))} | ${fmt(stats(row.baseline))} | ${(hcl.median / stats(row.baseline).median).toFixed(1)}× |\n`;
  }
  md += '\nBudget: exporting 1000 objects ≤ 10 s.\n\n## sps-export requests (simulator counters, one export)\n\n';
  md += '| N | objects read (exported + referenced) | requests | logins | budget: objects read + kinds (3) + 2 |\n|---|---|---|---|---|\n';
  for (const row of rows) {
    md += `| ${row.n} | ${row.read} (${row.n} + ${row.read - row.n}) | ${row.requests.totalRequests} | ${row.requests.logins} | ${row.read + 3 + 2} |\n`;
  }
  md +=
    '\nThe appliance lists keys only, so each object costs one GET. Referenced objects the provider only reads (here the four built-in policies and two local groups) cost one GET each, for the name that the data-source lookup uses; the `+ 2` are the login and the logout.\n';
  return md;
}
