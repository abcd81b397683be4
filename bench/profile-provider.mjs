// node bench/profile-provider.mjs [--n 300] [--keep DIR]
// Where the standalone provider's CPU goes, per provider process: builds the Bun executable as the
// release does but with names kept (no --minify), applies N sps_user_list objects against the
// simulator, then profiles a no-change plan and an apply that updates all N (BUN_OPTIONS=--cpu-prof
// in Terraform's environment, which the provider inherits). Prints each process's samples by
// category (the leaf frame's own module; Bun's generic frames, such as streams or a native call,
// count for the nearest caller that is not generic) and its threads' CPU from /proc (JIT and GC
// threads never show in the samples). The profiles (and the executable's source that their line
// numbers refer to) stay in --keep DIR when given.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs, promisify } from 'node:util';
import { build } from 'esbuild';
import { bundleOptions, precomputedAnswers } from '../scripts/lib/bundle-options.mjs';
import { BUN_BUILD_ARGS } from '../scripts/release/build-bun.mjs';
import { hostBun } from '../scripts/release/tools.mjs';
import { childrenOf, cpuSeconds, gone, onPath, pathWithoutNode, providerBlocks, repoRoot, startSimulator, threadName, userListBlocks } from './lib.mjs';

const { values } = parseArgs({ options: { n: { type: 'string', default: '300' }, keep: { type: 'string' } } });
const n = Number(values.n);
const scratch = values.keep ?? mkdtempSync(join(tmpdir(), 'sps-profile-'));
mkdirSync(scratch, { recursive: true });

/** The standalone executable with names kept, and its bundle (esbuild's, with a `// path` line before each module). */
async function buildExecutable(dir) {
  const runtimeSource = (await build({ ...bundleOptions('node20'), write: false, entryPoints: [join(repoRoot, 'src/bin/provider-runtime.ts')] })).outputFiles[0].text;
  const answers = await precomputedAnswers(runtimeSource);
  const bundle = join(dir, 'provider.js');
  await build({ ...bundleOptions('esnext'), minify: false, entryPoints: [join(repoRoot, 'src/bin/provider-standalone.ts')], outfile: bundle, define: { __SPS_PRECOMPUTED_ANSWERS__: JSON.stringify(answers) } });
  const executable = join(dir, 'terraform-provider-sps');
  const args = BUN_BUILD_ARGS.filter((arg) => arg !== '--minify');
  await promisify(execFile)(hostBun(), ['build', ...args, bundle, '--outfile', executable], { cwd: dir });
  return { bundle, executable };
}

/**
 * The module of each line of the source that Bun embedded (and that the profile's line numbers
 * refer to): Bun prints the bundle again, so its lines are matched to the bundle's in order,
 * ignoring white space.
 */
function moduleOfLines(executable, bundle) {
  const binary = readFileSync(executable);
  // The last copy: Bun's own code holds the marker too.
  const start = binary.lastIndexOf('// @bun @bytecode');
  const embedded = binary.subarray(start, binary.indexOf(0, start)).toString('utf8').split('\n');
  const bundleLines = readFileSync(bundle, 'utf8').split('\n');
  const moduleOf = [];
  let current = null;
  for (const line of bundleLines) {
    const marker = /^\/\/ (?:\.\.\/)*(?:.*?\/)?((?:src|node_modules)\/\S+)$/.exec(line);
    if (marker) current = marker[1];
    moduleOf.push(current);
  }
  // Anchors as in patience diff: lines found exactly once in each, kept where their order agrees
  // (the longest increasing run of bundle positions); every other line takes its last anchor's module.
  const squeeze = (line) => line.replace(/\s+/g, '');
  const counts = new Map();
  const count = (lines, side) => {
    lines.forEach((line, index) => {
      const entry = counts.get(line) ?? [0, 0, -1];
      entry[side]++;
      entry[2] = side === 0 ? index : entry[2];
      counts.set(line, entry);
    });
  };
  const embeddedSqueezed = embedded.map(squeeze);
  count(bundleLines.map(squeeze), 0);
  count(embeddedSqueezed, 1);
  const pairs = [];
  embeddedSqueezed.forEach((line, index) => {
    const entry = counts.get(line);
    if (line.length > 0 && entry[0] === 1 && entry[1] === 1) pairs.push([index, entry[2]]);
  });
  // Longest increasing subsequence of the bundle positions (patience sorting).
  const tails = [];
  const previous = new Array(pairs.length);
  pairs.forEach(([, position], i) => {
    let low = 0;
    let high = tails.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (pairs[tails[middle]][1] < position) low = middle + 1;
      else high = middle;
    }
    previous[i] = low > 0 ? tails[low - 1] : -1;
    tails[low] = i;
  });
  const anchors = new Map();
  for (let i = tails.length > 0 ? tails[tails.length - 1] : -1; i >= 0; i = previous[i]) anchors.set(pairs[i][0], moduleOf[pairs[i][1]]);
  const result = [];
  let last = null;
  for (let index = 0; index < embedded.length; index++) {
    if (anchors.has(index)) last = anchors.get(index);
    result.push(last);
  }
  return result;
}

function categoryOf(module) {
  if (!module) return 'ours (unmapped)';
  const rules = [
    ['src/plugin/cty', 'cty msgpack/JSON codec'],
    ['src/plugin/framework', 'framework'],
    ['src/plugin/proto6server', 'framework'],
    ['src/plugin/proto/', 'protobuf decode/encode'],
    ['node_modules/protobufjs', 'protobuf decode/encode'],
    ['src/plugin/server', 'gRPC/http2 (node:http2 and ours)'],
    ['node_modules/zod', 'zod'],
    ['node_modules/undici', 'HTTP client: undici'],
    ['src/client', 'HTTP client: src/client'],
    ['src/provider', 'provider resources'],
    ['src/model', 'provider resources'],
  ];
  return rules.find(([prefix]) => module.startsWith(prefix))?.[1] ?? 'other';
}

/** Samples by category of one profile: { category: count }, and the total. */
function categorize(profile, moduleOf) {
  const parent = new Map();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const own = (id) => {
    const { url, lineNumber } = nodes.get(id).callFrame;
    if (url.includes('$bunfs')) return categoryOf(moduleOf[lineNumber]);
    if (url.includes('http2')) return 'gRPC/http2 (node:http2 and ours)';
    return undefined; // generic: streams, events, net, a native call
  };
  const counts = {};
  for (const sample of profile.samples) {
    let category;
    for (let id = sample; id !== undefined && !category; id = parent.get(id)) category = own(id);
    category ??= 'Bun (generic, no caller of ours)';
    counts[category] = (counts[category] ?? 0) + 1;
  }
  return { counts, total: profile.samples.length };
}

/** Terraform's provider processes' threads: CPU by thread name (JIT, GC helpers, main), sampled until `stop()`. */
function watchThreads(pid) {
  const threads = new Map();
  const sample = () => {
    try {
      for (const child of childrenOf(pid)) {
        for (const thread of readdirSync(`/proc/${child}/task`).map(Number)) {
          try {
            const name = thread === child ? 'main' : threadName(child, thread);
            threads.set(`${child}/${thread}`, { pid: child, name, ms: cpuSeconds(child, thread) * 1000 });
          } catch (error) {
            if (!gone(error)) throw error;
          }
        }
      }
    } catch (error) {
      if (!gone(error)) throw error;
    }
  };
  const timer = setInterval(sample, 10);
  return {
    stop() {
      clearInterval(timer);
      const byPid = new Map();
      for (const { pid: child, name, ms } of threads.values()) {
        const entry = byPid.get(child) ?? {};
        entry[name] = (entry[name] ?? 0) + ms;
        byPid.set(child, entry);
      }
      return byPid;
    },
  };
}

const { bundle, executable } = await buildExecutable(scratch);
const moduleOf = moduleOfLines(executable, bundle);
const simulator = await startSimulator();
const dir = join(scratch, 'workspace');
mkdirSync(dir, { recursive: true });
try {
  const header = providerBlocks(simulator.url);
  // dev_overrides: the executable as it is, without a mirror (and without init).
  writeFileSync(join(dir, '.terraformrc'), `provider_installation {\n  dev_overrides {\n    "sps-iac/sps" = "${scratch}"\n  }\n  direct {}\n}\n`);
  const env = { ...process.env, PATH: pathWithoutNode(), TF_CLI_CONFIG_FILE: join(dir, '.terraformrc'), CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1' };
  const terraform = async (args, profileDir) => {
    const command = promisify(execFile)(onPath('terraform'), args, { cwd: dir, env: profileDir ? { ...env, BUN_OPTIONS: `--cpu-prof --cpu-prof-dir=${profileDir}` } : env, maxBuffer: 1 << 28 });
    const watch = watchThreads(command.child.pid);
    try {
      await command;
      return watch.stop();
    } catch (error) {
      watch.stop();
      throw error;
    }
  };
  const apply = ['apply', '-auto-approve', '-input=false', '-parallelism=10'];
  writeFileSync(join(dir, 'main.tf'), header + userListBlocks(n, false));
  await terraform(apply);
  for (const [label, args, updated] of [
    ['no-change plan', ['plan', '-input=false', '-parallelism=10', '-detailed-exitcode'], false],
    ['update apply', apply, true],
  ]) {
    writeFileSync(join(dir, 'main.tf'), header + userListBlocks(n, updated));
    const profileDir = join(scratch, label.replace(/\W+/g, '-'));
    rmSync(profileDir, { recursive: true, force: true });
    mkdirSync(profileDir);
    const threads = await terraform(args, profileDir);
    console.log(`\n## ${label}, N = ${n} (processes in launch order)`);
    const pids = [...threads.keys()].sort((a, b) => a - b);
    for (const pid of pids) {
      const file = readdirSync(profileDir).find((name) => name.includes(`.${pid}.`));
      const cpu = Object.entries(threads.get(pid)).filter(([, ms]) => ms > 0).map(([name, ms]) => `${name} ${ms} ms`).join(', ');
      console.log(`\nprocess ${pid}: threads' CPU: ${cpu}`);
      if (!file) continue;
      const { counts, total } = categorize(JSON.parse(readFileSync(join(profileDir, file), 'utf8')), moduleOf);
      for (const [category, count] of Object.entries(counts).sort((a, b) => b[1] - a[1])) console.log(`  ${((100 * count) / total).toFixed(1).padStart(5)} %  ${category}`);
      console.log(`  (${total} samples of the main thread)`);
    }
  }
} finally {
  simulator.stop();
  if (!values.keep) rmSync(scratch, { recursive: true, force: true });
}
