import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { installProvider, writeDevOverridesCliConfig, writeMirrorCliConfig } = require('../../scripts/lib/provider-install.cjs');

/**
 * A temporary Terraform working directory wired to the locally built provider, through a
 * filesystem mirror (`terraform init` records its hash) or dev_overrides. Every run has its own
 * CLI configuration: the machine's TF_CLI_CONFIG_FILE is never used.
 */
export interface Workspace {
  readonly dir: string;
  readonly env: Record<string, string>;
  write(files: Record<string, string>): void;
  cleanup(): void;
}

export interface TfResult {
  code: number;
  stdout: string;
  stderr: string;
}

export const PROVIDER_BLOCK = `terraform {
  required_providers {
    sps = { source = "sps-iac/sps" }
  }
}
`;

export function makeWorkspace(options: { mode?: 'mirror' | 'dev_overrides'; env?: Record<string, string>; files?: Record<string, string> } = {}): Workspace {
  const dir = mkdtempSync(join(tmpdir(), 'sps-tf-'));
  const cliConfig = join(dir, '.terraformrc');
  if ((options.mode ?? 'mirror') === 'mirror') {
    const { mirrorDir } = installProvider({ dir: join(dir, '.mirror') });
    writeMirrorCliConfig(cliConfig, mirrorDir);
  } else {
    writeDevOverridesCliConfig(cliConfig, join(dir, '.dev-bin'));
  }
  const workspace: Workspace = {
    dir,
    env: {
      TF_CLI_CONFIG_FILE: cliConfig,
      CHECKPOINT_DISABLE: '1',
      TF_IN_AUTOMATION: '1',
      TF_INPUT: '0',
      TF_LOG: '',
      ...options.env,
    },
    write(files) {
      for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    },
    cleanup() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
  workspace.write(options.files ?? {});
  return workspace;
}

export function tf(workspace: Workspace, args: string[], options: { env?: Record<string, string>; timeoutMs?: number } = {}): Promise<TfResult> {
  return new Promise((resolve) => {
    execFile(
      'terraform',
      [...args],
      {
        cwd: workspace.dir,
        env: { ...process.env, ...workspace.env, ...options.env },
        timeout: options.timeoutMs ?? 120_000,
        maxBuffer: 64 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout: String(stdout), stderr: String(stderr) });
      },
    );
  });
}

/** Runs terraform and fails the test with its output when the exit code is not the expected one. */
export async function tfOk(workspace: Workspace, args: string[], expectedCode = 0, options: { env?: Record<string, string> } = {}): Promise<TfResult> {
  // Most commands take -no-color after the subcommand; `providers schema` does not.
  const colorless = ['init', 'plan', 'apply', 'destroy', 'import', 'show', 'output', 'validate', 'state', 'refresh'].includes(args[0]);
  const result = await tf(workspace, colorless ? [args[0], '-no-color', ...args.slice(1)] : args, options);
  if (result.code !== expectedCode) {
    throw new Error(`terraform ${args.join(' ')} exited ${result.code} (expected ${expectedCode})\n${result.stdout}\n${result.stderr}`);
  }
  return result;
}
