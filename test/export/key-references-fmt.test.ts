/** The export's HCL for references written as keys, with their aligned comments, is what `terraform fmt` writes. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildExportModel } from '../../src/export/export-model';
import { writeHcl } from '../../src/export/hcl-writer';
import { KEY_REFERENCES_SNAPSHOT } from './key-references-snapshot';

it('references written as keys, with their comments, pass terraform fmt -check', () => {
  const mainTf = writeHcl(buildExportModel(KEY_REFERENCES_SNAPSHOT), '')['main.tf'];
  expect(mainTf).toContain('# local user group key 00000000000d: the appliance has no such object');
  const dir = mkdtempSync(join(tmpdir(), 'sps-export-fmt-'));
  try {
    writeFileSync(join(dir, 'main.tf'), mainTf);
    expect(execFileSync('terraform', ['fmt', '-check', '-diff', '-no-color', 'main.tf'], { cwd: dir, encoding: 'utf8', env: { ...process.env, TF_CLI_CONFIG_FILE: '/dev/null' } })).toBe('');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
