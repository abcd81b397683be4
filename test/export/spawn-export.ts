/** Runs the built `sps-export` as users do (a separate process), with only the environment given. */
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../support/paths';

const BIN = join(repoRoot, 'dist/bin/sps-export.js');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function spsExport(args: string[], env: Record<string, string | undefined> = {}, cwd = repoRoot): Promise<CliResult> {
  const clean: Record<string, string | undefined> = { ...process.env };
  for (const name of Object.keys(clean)) if (name.startsWith('SPS_')) delete clean[name];
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd, env: { ...clean, ...env } as NodeJS.ProcessEnv, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout: String(stdout), stderr: String(stderr) });
    });
  });
}

/** Every file of an export directory (not recursive: exports are flat), by name. */
export function readExport(dir: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(dir, { withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => [entry.name, readFileSync(join(dir, entry.name), 'utf8')]),
  );
}

/** The environment for an export against the simulator with password login. */
export function credentials(url: string, user: string, password: string): Record<string, string> {
  return { SPS_URL: url, SPS_USERNAME: user, SPS_PASSWORD: password };
}
