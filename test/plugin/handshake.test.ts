import { spawn } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { connect } from 'node:net';
import { join } from 'node:path';
import { selfSignedCertificate } from '../../src/tls/self-signed-certificate';
import { MAGIC_COOKIE_VALUE } from '../../src/plugin/server/handshake';
import { deadline } from '../support/wait';

const BUNDLE = join(__dirname, '../../dist/terraform-provider-sps.js');

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the provider as Terraform would. Once it prints its first line, `whileServing` runs (with
 * that line) and then the provider is stopped with SIGTERM; a provider still running after the
 * deadline is killed. (How fast the line comes is measured by bench/startup.mjs, not here.)
 */
function runProvider(env: Record<string, string | undefined>, whileServing: (line: string) => Promise<void> = async () => undefined): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BUNDLE], { env: { PATH: process.env.PATH, ...env } as NodeJS.ProcessEnv });
    let stdout = '';
    let stderr = '';
    let served: Promise<void> | undefined;
    const timer = setTimeout(() => child.kill('SIGKILL'), deadline(5000));
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      if (served || !stdout.includes('\n')) return;
      served = whileServing(stdout.split('\n')[0]).finally(() => child.kill('SIGTERM'));
    });
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      (served ?? Promise.resolve()).then(() => resolve({ code, signal, stdout, stderr }), reject);
    });
  });
}

/** Whether something accepts TCP connections at host:port. */
function accepts(address: string): Promise<boolean> {
  const [host, port] = address.split(':');
  return new Promise((resolve) => {
    const socket = connect(Number(port), host, () => (socket.destroy(), resolve(true)));
    socket.on('error', () => resolve(false));
  });
}

const clientCertificate = selfSignedCertificate({ commonName: 'terraform', hosts: ['localhost'] }).certificatePem;
const goodEnv = { TF_PLUGIN_MAGIC_COOKIE: MAGIC_COOKIE_VALUE, PLUGIN_PROTOCOL_VERSIONS: '5,6', PLUGIN_CLIENT_CERT: clientCertificate };

describe('go-plugin handshake', () => {
  it('prints exactly one line: protocol 6, tcp on 127.0.0.1 where it listens, and an unpadded base64 certificate with SAN localhost', async () => {
    let listening: boolean | undefined;
    const result = await runProvider(goodEnv, async (line) => {
      listening = await accepts(line.split('|')[3]);
    });
    const [line, ...rest] = result.stdout.split('\n');
    expect(rest.join('')).toBe('');
    const fields = line.split('|');
    expect(fields.slice(0, 3)).toEqual(['1', '6', 'tcp']);
    expect(fields[3]).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(fields[4]).toBe('grpc');
    expect(fields[5]).not.toMatch(/=$/);
    const certificate = new X509Certificate(Buffer.from(fields[5], 'base64'));
    expect(certificate.subjectAltName).toContain('DNS:localhost');
    // It serves at the address it printed, still running until the test's SIGTERM ends it.
    expect({ listening, signal: result.signal }).toEqual({ listening: true, signal: 'SIGTERM' });
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
