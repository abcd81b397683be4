// Shared by the benchmark suites (bench/suites/*.mjs): statistics, the simulator as a separate
// process, and Terraform working directories wired to the freshly built provider.
import { execFile, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';
import install from '../scripts/lib/provider-install.cjs';

export const { repoRoot } = install;

export { fmt, median, stats } from './stats.cjs';

/** Seconds that `fn` takes. */
export async function timed(fn) {
  const started = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - started) / 1e9;
}

const CLOCK_TICKS = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());

/** Seconds of CPU (user + system) that process `pid` (or only its thread `thread`) has used so far; throws if it is gone. */
export function cpuSeconds(pid, thread) {
  const text = readFileSync(thread === undefined ? `/proc/${pid}/stat` : `/proc/${pid}/task/${thread}/stat`, 'utf8');
  // Fields after the command name (in parentheses, may hold spaces): state is field 3, utime 14, stime 15.
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}

/** The name of thread `thread` of process `pid` (the command name, in parentheses in its stat). */
export function threadName(pid, thread) {
  const text = readFileSync(`/proc/${pid}/task/${thread}/stat`, 'utf8');
  return text.slice(text.indexOf('(') + 1, text.lastIndexOf(')'));
}

/** Peak resident set (VmHWM) of process `pid` in MB (10^6 bytes), null once it has exited (a zombie has no memory left); throws if it is gone. */
export function peakRssMb(pid) {
  const kib = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return kib ? (Number(kib[1]) * 1024) / 1e6 : null;
}

/** A process that ended between listing and reading: nothing to sample. */
export const gone = (error) => error.code === 'ENOENT' || error.code === 'ESRCH';

/** The processes `pid` has started and not yet reaped. */
export function childrenOf(pid) {
  const children = [];
  for (const task of readdirSync(`/proc/${pid}/task`)) {
    const text = readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim();
    if (text) children.push(...text.split(' ').map(Number));
  }
  return children;
}

/**
 * Samples process `pid` (terraform) and its children (the provider processes it launches) every
 * `intervalMs` until `stop()`: the number of children, their largest VmHWM and the sum of their CPU,
 * and the process's own CPU; each as last seen (a child's CPU is final if it was seen exited but
 * not yet reaped).
 */
export function watchProcessTree(pid, intervalMs = 20) {
  const children = new Map();
  let ownCpu = 0;
  const sample = () => {
    try {
      ownCpu = cpuSeconds(pid);
      for (const child of childrenOf(pid)) {
        try {
          // An exited child not yet reaped still tells its final CPU, but no longer its memory.
          const rssMb = peakRssMb(child) ?? children.get(child)?.rssMb ?? 0;
          children.set(child, { cpu: cpuSeconds(child), rssMb });
        } catch (error) {
          if (!gone(error)) throw error;
        }
      }
    } catch (error) {
      if (!gone(error)) throw error;
    }
  };
  sample();
  const timer = setInterval(sample, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      const seen = [...children.values()];
      return { launches: seen.length, peakRssMb: Math.max(0, ...seen.map((c) => c.rssMb)), providerCpu: seen.reduce((sum, c) => sum + c.cpu, 0), terraformCpu: ownCpu };
    },
  };
}

/** PATH without the directories that hold a `node`: proves that the standalone provider needs none. */
export function pathWithoutNode(path = process.env.PATH) {
  return path
    .split(delimiter)
    .filter((dir) => dir && !existsSync(join(dir, 'node')))
    .join(delimiter);
}

/** `command` as found on PATH, so that it still runs with a PATH that no longer leads to it. */
export function onPath(command) {
  for (const dir of process.env.PATH.split(delimiter)) if (dir && existsSync(join(dir, command))) return join(dir, command);
  throw new Error(`${command} is not on PATH (${process.env.PATH})`);
}

/** The simulator as a separate process (as users run it), with its counters and CPU. */
export async function startSimulator() {
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
    cpuSeconds: () => cpuSeconds(child.pid),
    stop: () => child.kill(),
  };
}

const TERRAFORM = onPath('terraform');

/**
 * A Terraform working directory with the provider in a filesystem mirror. `run(...args)` returns
 * seconds; `watched(...args)` also samples the provider processes (see watchProcessTree).
 * `mirror`: a filesystem mirror to use instead (e.g. the release's packed mirror of the standalone
 * provider); by default the Node script is installed into one of the workspace's own.
 * `path`: PATH for terraform and the providers it launches.
 */
/** The terraform and provider blocks of a configuration that manages the simulator at `url`. */
export function providerBlocks(url) {
  return `terraform {\n  required_providers {\n    sps = { source = "sps-iac/sps" }\n  }\n}\nprovider "sps" {\n  url = "${url}"\n  username = "admin"\n  password = "admin"\n}\n`;
}

/** N separate `sps_user_list` blocks; `updated` changes every list's `allow`. */
export function userListBlocks(n, updated) {
  let text = '';
  for (let i = 0; i < n; i++) text += `resource "sps_user_list" "r${i}" {\n  name   = "list-${i}"\n  allow  = "${updated ? 'all_users' : 'no_user'}"\n  except = ["user${i}"]\n}\n`;
  return text;
}

export async function workspace(simulatorUrl, body, { mirror, path = process.env.PATH } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'sps-bench-'));
  const mirrorDir = mirror ?? install.installProvider({ dir: join(dir, '.mirror') }).mirrorDir;
  install.writeMirrorCliConfig(join(dir, '.terraformrc'), mirrorDir);
  const provider = simulatorUrl ? providerBlocks(simulatorUrl) : '';
  const write = (text) => writeFileSync(join(dir, 'main.tf'), provider + text);
  write(body);
  const env = { ...process.env, PATH: path, TF_CLI_CONFIG_FILE: join(dir, '.terraformrc'), CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1' };
  // Asynchronous, so that the samplers keep running while terraform does.
  const start = (args) => promisify(execFile)(TERRAFORM, args, { cwd: dir, env, maxBuffer: 1 << 28 });
  const run = (...args) => timed(() => start(args));
  const watched = async (...args) => {
    const started = process.hrtime.bigint();
    const command = start(args);
    const watch = watchProcessTree(command.child.pid);
    const sampled = await command.then(
      () => watch.stop(),
      (error) => {
        watch.stop();
        throw error;
      },
    );
    return { seconds: Number(process.hrtime.bigint() - started) / 1e9, ...sampled };
  };
  await run('init', '-input=false');
  return { dir, env, run, watched, write, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
