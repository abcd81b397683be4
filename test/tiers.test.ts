/**
 * The test tiers hold: the rule in test/support/tiers.cjs puts a file that can start a process in
 * the system tier, jest.config.js runs each test file in exactly the tier the rule says, the unit
 * tier cannot start a process at all, and every random test prints and takes its seed.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { repoRoot } from './support/paths';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { createClassifier, explain, testFiles, testTiers } = require('./support/tiers.cjs');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const jestConfig = require('../jest.config.js');

describe('the tier rule', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'sps-tiers-'));
    const files: Record<string, string> = {
      'test/direct.test.ts': "import { spawn } from 'node:CHILD_PROCESS';",
      'test/required.test.ts': "const cp = require('CHILD_PROCESS');",
      'test/dynamic.test.ts': "it('x', async () => { await import('node:CHILD_PROCESS'); });",
      'test/helper-chain.test.ts': "import { run } from './support/runner';",
      'test/support/runner.ts': "export { run } from '../../lib/run.cjs';",
      'lib/run.cjs': "const { execFileSync } = require('node:CHILD_PROCESS');\nmodule.exports = { run: () => execFileSync('terraform') };",
      'test/reexport.test.ts': "export * from './support/spawner';",
      'test/support/spawner.ts': "import {\n  type ChildProcess,\n  fork,\n} from 'node:CHILD_PROCESS';",
      'test/type-only.test.ts': "import type { ChildProcess } from 'node:CHILD_PROCESS';\nimport { helper } from './support/pure';",
      'test/support/pure.ts': "import { join } from 'node:path';\nimport { simulator } from './index';\nexport const helper = join;",
      'test/support/index.ts': "import { helper } from './pure';\nexport const simulator = helper;", // a cycle
      'test/in-process.test.ts': "import fc from 'fast-check';\nimport { startSimulator } from '../src/simulator';\nimport { helper } from './support/pure';",
    };
    for (const [name, text] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, name)), { recursive: true });
      // The token keeps this file's own source free of the imports it writes (the rule reads it too).
      writeFileSync(join(dir, name), text.replaceAll('CHILD_PROCESS', ['child', 'process'].join('_')));
    }
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('puts a test in the system tier when it, or a local module it imports, imports child_process', () => {
    const classifier = createClassifier();
    const tiers = Object.fromEntries(testFiles(join(dir, 'test')).map((file: string) => [relative(join(dir, 'test'), file), classifier.classify(file).tier]));
    expect(tiers).toEqual({
      'direct.test.ts': 'system',
      'required.test.ts': 'system',
      'dynamic.test.ts': 'system',
      'helper-chain.test.ts': 'system',
      'reexport.test.ts': 'system',
      'type-only.test.ts': 'unit',
      'in-process.test.ts': 'unit',
    });
    const file = join(dir, 'test/helper-chain.test.ts');
    expect(explain(dir, file, classifier.classify(file).because)).toBe('test/helper-chain.test.ts → test/support/runner.ts → lib/run.cjs → node:child_process');
  });
});

describe('the tiers as jest runs them', () => {
  const tiers: { unit: string[]; system: string[] } = testTiers(repoRoot);
  const project = (name: string) => jestConfig.projects.find((p: { displayName: string }) => p.displayName === name);

  it('runs every test file in exactly one tier, the one the rule gives', () => {
    const unitIgnores: RegExp[] = project('unit').testPathIgnorePatterns.map((pattern: string) => new RegExp(pattern));
    const systemMatches: RegExp[] = project('system').testRegex.map((pattern: string) => new RegExp(pattern));
    const runIn = (file: string) => [...(unitIgnores.some((re) => re.test(file)) ? [] : ['unit']), ...(systemMatches.some((re) => re.test(file)) ? ['system'] : [])];
    const all = testFiles(join(repoRoot, 'test'));
    expect(all.map((file: string) => [relative(repoRoot, file), runIn(file)])).toEqual(
      all.map((file: string) => [relative(repoRoot, file), [tiers.unit.includes(file) ? 'unit' : 'system']]),
    );
  });

  it('keeps terraform, the CLIs, PostgreSQL, npm pack and the release out of the unit tier', () => {
    const telltale = /support\/terraform|child_process|throwaway-postgres|npm-package|scripts\/release|npx|cdktf-cli|'terraform'/;
    const offenders = tiers.unit.filter((file) => file !== __filename && telltale.test(readFileSync(file, 'utf8'))).map((file) => relative(repoRoot, file));
    expect(offenders).toEqual([]);
    // Known system tests, as a check that the rule sees through helpers.
    for (const file of ['test/provider/resources/user-list.test.ts', 'test/fleet/state-lock.test.ts', 'test/package/user-repo-cdktf.test.ts', 'test/release/release.test.ts']) {
      expect([file, tiers.system.includes(join(repoRoot, file))]).toEqual([file, true]);
    }
  });

  it('refuses to start a process in the unit tier, whatever the rule missed', () => {
    // A computed name: the static rule cannot see it, as with a package that spawns.
    const name = ['child', 'process'].join('_');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const childProcess = require(name);
    expect(() => childProcess.execFileSync('terraform', ['version'])).toThrow(/child_process\.execFileSync\(\) called in the unit tier/);
    expect(() => childProcess.spawn(process.execPath)).toThrow(/system tier/);
  });
});

it('every random test takes its seed from SPS_FUZZ_SEED and prints it (it imports test/support/fuzz), and fixes none itself', () => {
  const sources = testFiles(join(repoRoot, 'test')).filter((file: string) => file !== __filename && /from 'fast-check'|require\('fast-check'\)/.test(readFileSync(file, 'utf8')));
  expect(sources.length).toBeGreaterThan(0);
  const wrong = sources
    .map((file: string) => ({ file: relative(repoRoot, file), text: readFileSync(file, 'utf8') }))
    .filter(({ text }: { text: string }) => !/import '(\.\.\/)+support\/fuzz';/.test(text) || /\bseed\s*[:,]/.test(text))
    .map(({ file }: { file: string }) => file);
  expect(wrong).toEqual([]);
});
