/**
 * The dependency lock entry for sps-iac/sps in each synthesized stack's directory.
 *
 * cdktf and cdktn run `terraform init` in `cdktf.out/stacks/<stack>` and then, when that directory
 * has no lock entry matching the required version, `terraform providers lock
 * -platform=linux_amd64`. That command ignores the CLI configuration's mirrors and asks the public
 * registry, where sps-iac/sps is not published, so every diff/deploy in a fresh checkout would fail.
 * With this entry in place cdktf skips the lock step, and `terraform init` installs the provider
 * from the mirror named by the CLI configuration and records its checksum in the entry, exactly
 * as a first `terraform init` without a lock file would.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_VERSION, PROVIDER_SOURCE } from '../version';

export const LOCK_FILE_NAME = '.terraform.lock.hcl';

const ENTRY = new RegExp(`^provider "${PROVIDER_SOURCE.replace(/[./]/g, '\\$&')}" \\{\\n[\\s\\S]*?^\\}\\n?`, 'm');

/**
 * The lock file's new text, or undefined when it already locks this version (then Terraform's
 * own entry, with the checksums it recorded, stays as it is). Other providers' entries are kept.
 */
export function lockFileWithProviderEntry(existing: string | undefined): string | undefined {
  const current = existing?.match(ENTRY)?.[0];
  if (current && /^\s*version\s*=\s*"([^"]*)"/m.exec(current)?.[1] === PACKAGE_VERSION) return undefined;
  // The bindings require exactly this version (like the prebuilt provider packages), so that is the constraint Terraform records.
  const entry = `provider "${PROVIDER_SOURCE}" {\n  version     = "${PACKAGE_VERSION}"\n  constraints = "${PACKAGE_VERSION}"\n}\n`;
  if (current) return existing!.replace(ENTRY, entry);
  const header = existing ?? '# This file is maintained automatically by "terraform init".\n# Manual edits may be lost in future updates.\n';
  return `${header.trimEnd()}\n\n${entry}`;
}

/** Writes the entry into a stack's working directory when it lacks one for this version. */
export function ensureProviderLock(stackDirectory: string): void {
  const file = join(stackDirectory, LOCK_FILE_NAME);
  const updated = lockFileWithProviderEntry(existsSync(file) ? readFileSync(file, 'utf8') : undefined);
  if (updated !== undefined) writeFileSync(file, updated);
}
