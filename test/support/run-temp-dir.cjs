/**
 * One temporary directory per test run, made the OS temp dir (TMPDIR) of every test process and
 * every tool a test starts, and removed when the run ends: what a tool leaves behind in the temp
 * dir (cdktf's `Testing` synthesizes into a new `cdktf.outdir.*` every time and never removes it)
 * goes with it, and two runs side by side never see each other's files.
 */
const { chmodSync, mkdtempSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

module.exports = {
  setup() {
    const dir = mkdtempSync(join(tmpdir(), 'sps-iac-test-run-'));
    // Searchable, not listable, by others: the throw-away PostgreSQL runs as the postgres user in a directory below it.
    chmodSync(dir, 0o711);
    process.env.TMPDIR = dir;
  },
  teardown() {
    if (process.env.TMPDIR?.includes('sps-iac-test-run-')) rmSync(process.env.TMPDIR, { recursive: true, force: true });
  },
};
