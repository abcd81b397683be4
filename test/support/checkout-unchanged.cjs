/**
 * A jest reporter that fails the run when the tests left anything in the checkout: tests write
 * only under the OS temp dir. It records `git status --porcelain --ignored` before the first test
 * and compares after the last; new entries outside node_modules/ and dist/ (the build's) and
 * coverage/ (jest's own, with --coverage) fail the run with their list. A reporter rather than a
 * globalTeardown, so the run's counts (--json) are still written when it fails.
 */
const { execFileSync } = require('node:child_process');

const OWN_OUTPUT = /^(node_modules|dist|coverage)\//;

function status(root) {
  try {
    const text = execFileSync('git', ['status', '--porcelain', '--ignored'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    return new Set(text.split('\n').filter((line) => line !== ''));
  } catch {
    return undefined; // not a git checkout (e.g. an unpacked tarball): nothing to compare
  }
}

/** Status lines in `after` and not in `before` that are not the build's or jest's own output. */
function leftovers(before, after) {
  return [...after].filter((line) => !before.has(line) && !OWN_OUTPUT.test(line.slice(3)));
}

class CheckoutUnchanged {
  constructor(globalConfig) {
    this.root = globalConfig.rootDir;
    this.error = undefined;
  }

  onRunStart() {
    this.before = status(this.root);
  }

  onRunComplete() {
    const after = this.before && status(this.root);
    if (!after) return;
    const left = leftovers(this.before, after);
    if (left.length === 0) return;
    this.error = new Error(`The tests left these in the checkout (git status --porcelain --ignored, new since the run began); tests write only under the OS temp dir:\n${left.map((line) => `  ${line}`).join('\n')}`);
    process.stderr.write(`\n${this.error.message}\n`);
  }

  getLastError() {
    return this.error;
  }
}

module.exports = CheckoutUnchanged;
