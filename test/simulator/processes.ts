/** The simulator as a separate process (the built bin, or npx running it): system-tier tests only. */
import { type ChildProcessWithoutNullStreams, spawn, type SpawnOptionsWithoutStdio } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from '../support/paths';

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
