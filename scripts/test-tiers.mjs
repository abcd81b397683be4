#!/usr/bin/env node
/**
 * Runs test tiers (jest projects, see jest.config.js) one after the other and prints each one's wall
 * time: `node scripts/test-tiers.mjs [unit|system] [jest arguments]`. Without a tier, the unit tier
 * and then the system tier, run even when the unit tier failed so that one run reports both.
 * With SPS_TEST_RESULTS=<dir> (as .ci/run sets it), each tier's jest results go to <dir>/<tier>.json
 * and the tiers' times and exit codes to <dir>/tiers.json.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const TIERS = ['unit', 'system'];
const jest = createRequire(import.meta.url).resolve('jest/bin/jest');
const [first, ...rest] = process.argv.slice(2);
const [selected, jestArgs] = TIERS.includes(first) ? [[first], rest] : [TIERS, process.argv.slice(2)];
const results = process.env.SPS_TEST_RESULTS;
const tiers = [];
for (const tier of selected) {
  const output = results ? ['--json', `--outputFile=${join(results, `${tier}.json`)}`] : [];
  const started = process.hrtime.bigint();
  // --selectProjects last: it takes every value up to the next option.
  const run = spawnSync(process.execPath, [jest, ...jestArgs, ...output, '--selectProjects', tier], { stdio: 'inherit' });
  tiers.push({ tier, seconds: Number(process.hrtime.bigint() - started) / 1e9, status: run.status ?? 1 });
}
for (const { tier, seconds, status } of tiers) console.log(`${tier} tier: ${seconds.toFixed(1)} s${status === 0 ? '' : ` (exit ${status})`}`);
if (results) writeFileSync(join(results, 'tiers.json'), JSON.stringify(tiers));
process.exit(tiers.some(({ status }) => status !== 0) ? 1 : 0);
