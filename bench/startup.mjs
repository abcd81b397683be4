// Provider start-up: spawn → handshake line, against `node -e 0` in the same run, with the
// provider's RSS (VmHWM) and CPU at the moment of the line. Every process gets a minimal
// environment (PATH only): variables such as NODE_EXTRA_CA_CERTS make Node itself start slower,
// and Terraform passes its whole environment on.
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import install from '../scripts/lib/provider-install.cjs';
import { cpuSeconds, peakRssMb, stats } from './lib.mjs';

const require = createRequire(import.meta.url);

function timeHandshake({ executable, path }, clientCert, magicCookie) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(executable, [], {
      env: { PATH: path, TF_PLUGIN_MAGIC_COOKIE: magicCookie, PLUGIN_PROTOCOL_VERSIONS: '5,6', PLUGIN_CLIENT_CERT: clientCert },
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    child.stdout.once('data', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      resolve({ ms, rssMb: peakRssMb(child.pid), cpuMs: cpuSeconds(child.pid) * 1000 });
      child.kill();
    });
    child.on('error', reject);
    child.on('exit', (code) => code && reject(new Error(`${executable} exited ${code} before its handshake line`)));
  });
}

function timeNode(node) {
  const started = process.hrtime.bigint();
  spawnSync(node, ['-e', '0'], { env: { PATH: process.env.PATH } });
  return Number(process.hrtime.bigint() - started) / 1e6;
}

/**
 * `providers`: { name: executable, or { executable, path } to run it with that PATH }, `nodes`:
 * { name: node executable } for `-e 0`; measured interleaved, so that a change of load hits every
 * subject alike. Returns each subject's stats in `results`, and the raw samples in `samples`
 * ({ ms, and for providers rssMb and cpuMs: arrays }).
 */
export async function measureStartup({ runs = 20, providers = { 'Node script': install.bundlePath }, nodes = { 'node -e 0': process.execPath } } = {}) {
  // Any PEM certificate will do: the provider only needs one to trust.
  const { selfSignedCertificate } = require(join(install.repoRoot, 'dist/tls/self-signed-certificate.js'));
  const { MAGIC_COOKIE_VALUE } = require(join(install.repoRoot, 'dist/plugin/server/handshake.js'));
  const clientCert = selfSignedCertificate({ commonName: 'bench', hosts: ['localhost'] }).certificatePem;
  const subjects = Object.fromEntries(Object.entries(providers).map(([name, p]) => [name, typeof p === 'string' ? { executable: p, path: process.env.PATH } : p]));
  const samples = {};
  for (const name of Object.keys(subjects)) samples[name] = { ms: [], rssMb: [], cpuMs: [] };
  for (const name of Object.keys(nodes)) samples[name] = { ms: [] };
  for (let i = 0; i < runs; i++) {
    for (const [name, subject] of Object.entries(subjects)) {
      const { ms, rssMb, cpuMs } = await timeHandshake(subject, clientCert, MAGIC_COOKIE_VALUE);
      samples[name].ms.push(ms);
      samples[name].rssMb.push(rssMb);
      samples[name].cpuMs.push(cpuMs);
    }
    for (const [name, node] of Object.entries(nodes)) samples[name].ms.push(timeNode(node));
  }
  return { runs, samples, results: Object.fromEntries(Object.entries(samples).map(([name, s]) => [name, stats(s.ms)])) };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const result = await measureStartup({ runs: Number(process.argv[2] ?? 20) });
  console.log(JSON.stringify(result, null, 2));
}
