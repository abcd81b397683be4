// Shared by the benchmark suites (bench/suites/*.mjs): statistics, the simulator as a separate
// process, and Terraform working directories wired to the freshly built provider.
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import install from '../scripts/lib/provider-install.cjs';

export const { repoRoot } = install;

export const stats = (samples) => {
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { median, min: sorted[0], max: sorted.at(-1) };
};

export const fmt = (s, unit = 's', digits = 2) => `${s.median.toFixed(digits)} ${unit} (${s.min.toFixed(digits)}–${s.max.toFixed(digits)})`;

/** Seconds that `fn` takes. */
export async function timed(fn) {
  const started = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - started) / 1e9;
}

/** The simulator as a separate process (as users run it), with its counters. */
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
    stop: () => child.kill(),
  };
}

/**
 * A Terraform working directory with the provider in a filesystem mirror; `run` returns seconds.
 * `mirror`: a filesystem mirror to use instead (e.g. the release's packed mirror of the standalone
 * provider); by default the Node script is installed into one of the workspace's own.
 */
export async function workspace(simulatorUrl, body, { mirror } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'sps-bench-'));
  const mirrorDir = mirror ?? install.installProvider({ dir: join(dir, '.mirror') }).mirrorDir;
  install.writeMirrorCliConfig(join(dir, '.terraformrc'), mirrorDir);
  const provider = simulatorUrl
    ? `terraform {\n  required_providers {\n    sps = { source = "sps-iac/sps" }\n  }\n}\nprovider "sps" {\n  url = "${simulatorUrl}"\n  username = "admin"\n  password = "admin"\n}\n`
    : '';
  writeFileSync(join(dir, 'main.tf'), provider + body);
  const env = { ...process.env, TF_CLI_CONFIG_FILE: join(dir, '.terraformrc'), CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1' };
  // Asynchronous, so that samplers keep running while terraform does.
  const run = (...args) => timed(() => promisify(execFile)('terraform', args, { cwd: dir, env, maxBuffer: 1 << 28 }));
  await run('init', '-input=false');
  return { dir, env, run, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
