/**
 * Random tests (fast-check) run with the seed SPS_FUZZ_SEED, or a fresh one, and print it, so a
 * failure can be re-run exactly. Importing this module sets the seed of every fc.assert and
 * fc.sample in the test file (each jest test file has its own fast-check, so its own settings);
 * the tier guard (test/tiers.test.ts) checks that every fast-check user imports it.
 */
import fc from 'fast-check';
import { relative } from 'node:path';
import { repoRoot } from './paths';

export const FUZZ_SEED = fuzzSeed(process.env.SPS_FUZZ_SEED);

function fuzzSeed(given: string | undefined): number {
  if (given === undefined || given === '') return Math.floor(Math.random() * 0x7fffffff);
  if (!/^-?\d+$/.test(given) || Math.abs(Number(given)) > 0x7fffffff) throw new Error(`SPS_FUZZ_SEED must be a 32-bit integer, got ${JSON.stringify(given)}`);
  return Number(given);
}

fc.configureGlobal({ ...fc.readConfigureGlobal(), seed: FUZZ_SEED });
const testPath = expect.getState().testPath;
console.log(`fuzz seed ${FUZZ_SEED}; to re-run: SPS_FUZZ_SEED=${FUZZ_SEED} npx jest ${testPath ? relative(repoRoot, testPath) : ''}`);
