// node bench/group-commit.mjs [--n 1000] [--parallelism 10] [--runs 1]
// Commits per apply of N creates, quiet and with the machine busy (one CPU-burning process per
// core, started before and killed after each apply): group commit's budget is 2 × ceil(N/P), also
// under load. Counts come from the simulator; times are shown for context only.
import { spawn } from 'node:child_process';
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { startSimulator, workspace } from './lib.mjs';

const { values } = parseArgs({ options: { n: { type: 'string', default: '1000' }, parallelism: { type: 'string', default: '10' }, runs: { type: 'string', default: '1' } } });
const n = Number(values.n);
const parallelism = Number(values.parallelism);

// The provider suite's mix: user lists and HTTP connection policies, every other one.
function resources(count) {
  let text = '';
  for (let i = 0; i < count; i++) {
    text +=
      i % 2 === 0
        ? `resource "sps_user_list" "r${i}" {\n  name = "list-${i}"\n  allow = "no_user"\n  except = ["user${i}"]\n}\n`
        : `resource "sps_http_connection_policy" "r${i}" {\n  name = "policy-${i}"\n  network = { clients = ["10.0.0.0/8"], targets = ["10.1.${i % 250}.1"], ports = [443] }\n  server_address = { selection = "fix", address = "app${i}.example.com", port = 8443 }\n  policies = { channel_policy = "-304001002", settings = "-3040010", audit_policy = "-10000", authentication_policy = "-304002001" }\n}\n`;
  }
  return text;
}

/** One busy-looping process per core until the returned function is called. */
function burnCpus() {
  const burners = cpus().map(() => spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }));
  return () => burners.forEach((burner) => burner.kill());
}

const simulator = await startSimulator();
const sps = await workspace(simulator.url, resources(n));
const budget = 2 * Math.ceil(n / parallelism);
try {
  for (let run = 0; run < Number(values.runs); run++) {
    for (const loaded of [false, true]) {
      await simulator.reset();
      const stop = loaded ? burnCpus() : () => {};
      let seconds;
      try {
        seconds = await sps.run('apply', '-auto-approve', '-input=false', `-parallelism=${parallelism}`);
      } finally {
        stop();
      }
      const { commits } = await simulator.counters();
      console.log(`${loaded ? 'loaded' : 'quiet '}: ${n} creates at parallelism ${parallelism}: ${commits} commits (ideal ${Math.ceil(n / parallelism)}, budget ${budget}), apply ${seconds.toFixed(1)} s`);
      await sps.run('destroy', '-auto-approve', '-input=false', `-parallelism=${parallelism}`);
    }
  }
} finally {
  sps.cleanup();
  simulator.stop();
}
