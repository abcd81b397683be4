// Provider start-up: spawn → handshake line, against `node -e 0` in the same run. Every process
// gets the same minimal environment (PATH only): variables such as NODE_EXTRA_CA_CERTS make
// Node itself start slower, and Terraform passes its whole environment on.
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import install from '../scripts/lib/provider-install.cjs';
import { stats } from './lib.mjs';

const require = createRequire(import.meta.url);
const cleanEnv = () => ({ PATH: process.env.PATH });

function timeHandshake(executable, clientCert, magicCookie) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(executable, [], {
      env: { ...cleanEnv(), TF_PLUGIN_MAGIC_COOKIE: magicCookie, PLUGIN_PROTOCOL_VERSIONS: '5,6', PLUGIN_CLIENT_CERT: clientCert },
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    child.stdout.once('data', () => {
      resolve(Number(process.hrtime.bigint() - started) / 1e6);
      child.kill();
    });
    child.on('exit', (code) => code && reject(new Error(`provider exited ${code}`)));
  });
}

function timeNode(node) {
  const started = process.hrtime.bigint();
  spawnSync(node, ['-e', '0'], { env: cleanEnv() });
  return Number(process.hrtime.bigint() - started) / 1e6;
}

/**
 * `providers`: { name: executable }, `nodes`: { name: node executable } for `-e 0`; measured
 * interleaved, so that a change of load hits every subject alike.
 */
export async function measureStartup({ runs = 20, providers = { 'Node script': install.bundlePath }, nodes = { 'node -e 0': process.execPath } } = {}) {
  // Any PEM certificate will do: the provider only needs one to trust.
  const { selfSignedCertificate } = require(join(install.repoRoot, 'dist/tls/self-signed-certificate.js'));
  const { MAGIC_COOKIE_VALUE } = require(join(install.repoRoot, 'dist/plugin/server/handshake.js'));
  const clientCert = selfSignedCertificate({ commonName: 'bench', hosts: ['localhost'] }).certificatePem;
  const samples = Object.fromEntries([...Object.keys(providers), ...Object.keys(nodes)].map((name) => [name, []]));
  for (let i = 0; i < runs; i++) {
    for (const [name, executable] of Object.entries(providers)) samples[name].push(await timeHandshake(executable, clientCert, MAGIC_COOKIE_VALUE));
    for (const [name, node] of Object.entries(nodes)) samples[name].push(timeNode(node));
  }
  return { runs, results: Object.fromEntries(Object.entries(samples).map(([name, s]) => [name, stats(s)])) };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const result = await measureStartup({ runs: Number(process.argv[2] ?? 20) });
  console.log(JSON.stringify(result, null, 2));
}
