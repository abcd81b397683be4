// Provider start-up: spawn → handshake line, against `node -e 0` in the same run.
import { spawn, spawnSync } from 'node:child_process';

import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import install from '../scripts/lib/provider-install.cjs';


function timeHandshake(bundle, clientCert, magicCookie) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(bundle, [], {
      env: { PATH: process.env.PATH, TF_PLUGIN_MAGIC_COOKIE: magicCookie, PLUGIN_PROTOCOL_VERSIONS: '5,6', PLUGIN_CLIENT_CERT: clientCert },
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    child.stdout.once('data', () => {
      resolve(Number(process.hrtime.bigint() - started) / 1e6);
      child.kill();
    });
    child.on('exit', (code) => code && reject(new Error(`provider exited ${code}`)));
  });
}

function timeNode() {
  const started = process.hrtime.bigint();
  spawnSync(process.execPath, ['-e', '0']);
  return Number(process.hrtime.bigint() - started) / 1e6;
}

export async function measureStartup({ runs = 20 } = {}) {
  // Any PEM certificate will do: the provider only needs one to trust.
  const { createRequire } = await import('node:module');
  const require = createRequire(import.meta.url);
  const { selfSignedCertificate } = require(join(install.repoRoot, 'dist/tls/self-signed-certificate.js'));
  const { MAGIC_COOKIE_VALUE } = require(join(install.repoRoot, 'dist/plugin/server/handshake.js'));
  const clientCert = selfSignedCertificate({ commonName: 'bench', hosts: ['localhost'] }).certificatePem;
  const provider = [];
  const node = [];
  for (let i = 0; i < runs; i++) {
    provider.push(await timeHandshake(install.bundlePath, clientCert, MAGIC_COOKIE_VALUE));
    node.push(timeNode());
  }
  const stats = (s) => {
    const sorted = [...s].sort((a, b) => a - b);
    return { median: sorted[Math.floor(sorted.length / 2)], min: sorted[0], max: sorted.at(-1) };
  };
  return { runs, provider: stats(provider), node: stats(node) };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const result = await measureStartup({ runs: Number(process.argv[2] ?? 20) });
  console.log(JSON.stringify(result, null, 2));
}
