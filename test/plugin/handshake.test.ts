import { spawn } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { join } from 'node:path';
import { selfSignedCertificate } from '../../src/tls/self-signed-certificate';
import { MAGIC_COOKIE_VALUE } from '../../src/plugin/server/handshake';

const BUNDLE = join(__dirname, '../../dist/terraform-provider-sps.js');

function runProvider(env: Record<string, string | undefined>, timeoutMs = 5000): Promise<{ code: number | null; stdout: string; stderr: string; firstLineMs: number }> {
  return new Promise((resolve) => {
    const started = Date.now();
    let firstLineMs = -1;
    const child = spawn(process.execPath, [BUNDLE], { env: { PATH: process.env.PATH, ...env } as NodeJS.ProcessEnv });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      if (firstLineMs < 0 && stdout.includes('\n')) {
        firstLineMs = Date.now() - started;
        child.kill('SIGTERM');
      }
    });
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, firstLineMs });
    });
  });
}

const clientCertificate = selfSignedCertificate({ commonName: 'terraform', hosts: ['localhost'] }).certificatePem;
const goodEnv = { TF_PLUGIN_MAGIC_COOKIE: MAGIC_COOKIE_VALUE, PLUGIN_PROTOCOL_VERSIONS: '5,6', PLUGIN_CLIENT_CERT: clientCertificate };

describe('go-plugin handshake', () => {
  it('prints exactly one line: protocol 6, tcp on 127.0.0.1, and an unpadded base64 certificate with SAN localhost', async () => {
    const result = await runProvider(goodEnv);
    const [line, ...rest] = result.stdout.split('\n');
    expect(rest.join('')).toBe('');
    const fields = line.split('|');
    expect(fields.slice(0, 3)).toEqual(['1', '6', 'tcp']);
    expect(fields[3]).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(fields[4]).toBe('grpc');
    expect(fields[5]).not.toMatch(/=$/);
    const certificate = new X509Certificate(Buffer.from(fields[5], 'base64'));
    expect(certificate.subjectAltName).toContain('DNS:localhost');
  });

  it('explains itself and exits non-zero when run by hand (wrong magic cookie)', async () => {
    const result = await runProvider({ ...goodEnv, TF_PLUGIN_MAGIC_COOKIE: 'nope' });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/plugin for Terraform/);
  });

  it('fails clearly without a client certificate, never hanging', async () => {
    const result = await runProvider({ ...goodEnv, PLUGIN_CLIENT_CERT: undefined });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/PLUGIN_CLIENT_CERT/);
  });

  it('refuses Terraform versions that only offer protocol 5', async () => {
    const result = await runProvider({ ...goodEnv, PLUGIN_PROTOCOL_VERSIONS: '5' });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/protocol/);
  });
});
