import { type ChildProcessWithoutNullStreams, spawn, type SpawnOptionsWithoutStdio } from 'node:child_process';
import { connect } from 'node:net';
import { join } from 'node:path';
import { repoRoot } from '../support/paths';

export { RestSession } from '../support/rest-session';

export const USER_LISTS = '/api/configuration/policies/userlists';
export const CONNECTIONS = '/api/configuration/http/connections';
export const API_CLIENTS = '/api/configuration/aaa/api_clients';
export const LOCAL_GROUPS = '/api/configuration/aaa/local_database/groups';

export const validPolicy = (overrides: Record<string, unknown> = {}) => ({
  name: 'intranet',
  network: { clients: ['10.0.0.0/8'], targets: ['10.1.1.1'], ports: [443] },
  server_address: { selection: 'fix', address: 'intranet.example.com', port: 8443 },
  policies: { channel_policy: '-304001002', settings: '-3040010', audit_policy: '-10000', authentication_policy: '-304002001' },
  ...overrides,
});

/** The built command, as `npx sps-simulator` runs it. */
export const SIMULATOR_BIN = join(repoRoot, 'dist/bin/sps-simulator.js');

export interface StartedCommand {
  readonly child: ChildProcessWithoutNullStreams;
  /** The URL from the first stdout line, "sps-simulator listening on <url>". */
  readonly url: string;
  readonly port: number;
  stderr(): string;
}

/**
 * Starts a command that prints "sps-simulator listening on <url>" first (the simulator, or npx
 * running it), and waits for that line; fails, with what it printed, if it exits or stays silent.
 */
export function startListening(command: string, args: string[], options: SpawnOptionsWithoutStdio = {}, timeoutMs = 30_000): Promise<StartedCommand> {
  const child = spawn(command, args, { ...options, stdio: 'pipe' });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    const fail = (why: string) => {
      clearTimeout(timer);
      reject(new Error(`${command} ${args.join(' ')}: ${why}; stdout: ${JSON.stringify(stdout)}, stderr: ${JSON.stringify(stderr)}`));
    };
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail(`no "listening on" line within ${timeoutMs / 1000} s`);
    }, timeoutMs);
    child.on('exit', (code, signal) => fail(`exited (${signal ?? code}) before printing its URL`));
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      const line = /^sps-simulator listening on (\S+)\n/.exec(stdout);
      if (!line) return;
      clearTimeout(timer);
      child.removeAllListeners('exit');
      resolve({ child, url: line[1], port: Number(new URL(line[1]).port), stderr: () => stderr });
    });
  });
}

/** Runs a command to its end (with a deadline), collecting its output. */
export function runToEnd(command: string, args: string[], options: SpawnOptionsWithoutStdio = {}, timeoutMs = 30_000): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(command, args, { ...options, stdio: 'pipe' });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${command} ${args.join(' ')} did not end within ${timeoutMs / 1000} s; stderr: ${JSON.stringify(stderr)}`));
    }, timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

export interface RawAnswer {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: string;
}

/** Parses one HTTP/1.1 answer (status line, headers, then a Content-Length body). */
export function parseAnswer(text: string): RawAnswer {
  const end = text.indexOf('\r\n\r\n');
  if (end < 0) throw new Error(`not an HTTP answer: ${JSON.stringify(text.slice(0, 200))}`);
  const [statusLine, ...lines] = text.slice(0, end).split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
  }
  const length = Number(headers['content-length'] ?? text.length - end - 4);
  return { status: Number(statusLine.split(' ')[1]), headers, body: text.slice(end + 4, end + 4 + length) };
}

/**
 * Sends `head` (a request line and headers, written as they are, so the request target can be
 * anything) over a new connection and reads the answer until the server closes it.
 */
export function rawExchange(port: number, head: string, timeoutMs = 5000): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(head));
    let text = '';
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no complete answer within ${timeoutMs / 1000} s to ${JSON.stringify(head.split('\r\n')[0])}`));
    }, timeoutMs);
    socket.setEncoding('latin1');
    socket.on('data', (chunk) => (text += chunk));
    socket.on('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`${error.message} for ${JSON.stringify(head.split('\r\n')[0])}`));
    });
    socket.on('end', () => {
      clearTimeout(timer);
      try {
        resolve(parseAnswer(text));
      } catch (error) {
        reject(new Error(`${(error as Error).message} for ${JSON.stringify(head.split('\r\n')[0])}`));
      }
    });
  });
}
