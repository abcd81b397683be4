/**
 * Which tier a test file is in, decided by a rule rather than a list, so that a new file lands in
 * the right tier without anyone classifying it:
 *
 *   a test is a SYSTEM test when it, or a local module it imports (followed through relative
 *   imports and requires, into test/, src/, scripts/ ...), imports `child_process`.
 *
 * Everything the system tier drives (terraform, the cdktf and cdktn CLIs, PostgreSQL, npm pack,
 * the release, the built bins) needs a child process; everything else is a UNIT test, run
 * in-process (an in-process simulator included). The unit tier also maps `child_process` to a
 * module that throws (jest.config.js), so a spawn this static rule cannot see (a package that
 * spawns, a computed require) fails loudly instead of running.
 *
 * CommonJS, because jest.config.js reads it before anything is transpiled.
 */
const { existsSync, readdirSync, readFileSync, statSync } = require('node:fs');
const { dirname, join, relative, resolve, sep } = require('node:path');

const CHILD_PROCESS = /^(node:)?child_process$/;
const EXTENSIONS = ['', '.ts', '.js', '.cjs', '.mjs', '/index.ts', '/index.js'];

/** Module specifiers a source file loads: import/export … from, bare import, require(), import(); type-only imports are left out (they load nothing). */
function specifiers(source) {
  const found = [];
  const patterns = [/\b(?:import|export)\s+(?!type\s)[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]/g, /\bimport\s*['"]([^'"]+)['"]/g, /\b(?:require|import)\s*\(\s*['"]([^'"]+)['"]\s*\)/g];
  for (const pattern of patterns) for (const match of source.matchAll(pattern)) found.push(match[1]);
  return found;
}

function resolveLocal(from, specifier) {
  const base = resolve(dirname(from), specifier);
  for (const extension of EXTENSIONS) {
    const candidate = base + extension;
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return undefined;
}

/**
 * A classifier with a cache shared by every file it is asked about. `read` gives a file's text
 * (tests pass their own to check the rule on made-up files).
 */
function createClassifier(read = (file) => readFileSync(file, 'utf8')) {
  /** file → the chain of imports that reaches child_process, or null if none does. */
  const chains = new Map();
  function chainToChildProcess(file) {
    if (chains.has(file)) return chains.get(file);
    chains.set(file, null); // an import cycle reaches nothing new
    let chain = null;
    for (const specifier of specifiers(read(file))) {
      if (CHILD_PROCESS.test(specifier)) {
        chain = [specifier];
        break;
      }
      if (!specifier.startsWith('.')) continue;
      const target = resolveLocal(file, specifier);
      if (!target || target.split(sep).includes('node_modules')) continue;
      const rest = chainToChildProcess(target);
      if (rest) {
        chain = [target, ...rest];
        break;
      }
    }
    chains.set(file, chain);
    return chain;
  }
  return {
    /** 'system' or 'unit', with the import chain that makes a file a system test. */
    classify(file) {
      const chain = chainToChildProcess(file);
      return chain ? { tier: 'system', because: chain } : { tier: 'unit', because: [] };
    },
  };
}

/** Every test file (*.test.ts) under `dir`. */
function testFiles(dir) {
  const files = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...testFiles(path));
    else if (entry.name.endsWith('.test.ts')) files.push(path);
  }
  return files.sort();
}

/** The repository's test files by tier (absolute paths). */
function testTiers(root) {
  const classifier = createClassifier();
  const tiers = { unit: [], system: [] };
  for (const file of testFiles(join(root, 'test'))) tiers[classifier.classify(file).tier].push(file);
  return tiers;
}

/** A readable reason, e.g. "test/x.test.ts → test/support/terraform.ts → node:child_process". */
function explain(root, file, chain) {
  return [file, ...chain].map((step) => (step.startsWith(root) ? relative(root, step) : step)).join(' → ');
}

module.exports = { createClassifier, testFiles, testTiers, explain, CHILD_PROCESS };
