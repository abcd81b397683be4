// Running the fleet example (examples/fleet) the way CI does, shared by `npm run demo:fleet`, the
// fleet tests and the fleet benchmark: its inventory pointed at local appliances, the environment
// cdktf and Terraform need, and cdktf/terraform runs with their output collected.
const { spawn } = require('node:child_process');
const { randomBytes } = require('node:crypto');
const { readFileSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const repoRoot = join(__dirname, '../..');
const FLEET_DIR = join(repoRoot, 'examples/fleet');
const CDKTF = join(repoRoot, 'node_modules/.bin/cdktf');
/**
 * How long a Terraform run waits for a state lock held by another run. Terraform's default is not
 * to wait at all; the pg backend also takes one database-wide lock while a stack's state is first
 * created (its whole first apply) and, for an instant, on every lock, so without a timeout stacks
 * of one fleet would fail each other.
 */
const LOCK_TIMEOUT = '5m';

/** The example's inventory. */
function baseInventory() {
  return JSON.parse(readFileSync(join(FLEET_DIR, 'inventory.json'), 'utf8'));
}

/** A random password per appliance: a credential mix-up then fails the login instead of passing unnoticed. */
function credentialsFor(inventory) {
  return Object.fromEntries(inventory.appliances.map((a) => [a.name, { username: 'admin', password: `pw-${a.name}-${randomBytes(9).toString('base64url')}` }]));
}

/** Writes `inventory` with each appliance's URL taken from `urls` (name → URL) into `file`. */
function writeInventory(file, inventory, urls) {
  const appliances = inventory.appliances.map((a) => {
    if (!urls[a.name]) throw new Error(`no URL for appliance "${a.name}"`);
    return { ...a, url: urls[a.name] };
  });
  writeFileSync(file, `${JSON.stringify({ appliances }, null, 2)}\n`);
  return file;
}

/**
 * The environment of a fleet run: state in PostgreSQL (PG_CONN_STR), the provider from a local
 * mirror (TF_CLI_CONFIG_FILE), each appliance's credentials in the TF_VAR_… variables its
 * inventory entry names, and nothing cached outside the project.
 */
function fleetEnv({ connStr, cliConfigFile, inventoryFile, inventory, credentials, commitMessage, lockTimeout = LOCK_TIMEOUT, env = {} }) {
  const secrets = {};
  for (const a of inventory.appliances) {
    secrets[a.credentials.usernameEnv] = credentials[a.name].username;
    secrets[a.credentials.passwordEnv] = credentials[a.name].password;
  }
  return {
    ...process.env,
    PG_CONN_STR: connStr,
    TF_CLI_CONFIG_FILE: cliConfigFile,
    FLEET_INVENTORY: inventoryFile,
    SPS_COMMIT_MESSAGE: commitMessage,
    TF_CLI_ARGS_plan: `-lock-timeout=${lockTimeout}`,
    TF_CLI_ARGS_apply: `-lock-timeout=${lockTimeout}`,
    // cdktf otherwise creates ~/.terraform.d/plugin-cache.
    CDKTF_DISABLE_PLUGIN_CACHE_ENV: '1',
    CHECKPOINT_DISABLE: '1',
    TF_IN_AUTOMATION: '1',
    TF_INPUT: '0',
    // Plain line output from cdktf (no spinner, no interactive approval).
    CI: '1',
    ...secrets,
    ...env,
  };
}

/** Process groups of the runs still going, so a failed test or an interrupted demo can stop them. */
const running = new Set();

/** Stops the runs still going (their terraform and provider processes too). */
function stopRuns() {
  for (const pid of running) {
    try {
      process.kill(-pid, 'SIGTERM');
    } catch {
      // Already gone.
    }
  }
  running.clear();
}

// eslint-disable-next-line no-control-regex -- terminal escape sequences are exactly what this removes
const stripAnsi = (text) => text.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '');

/**
 * Runs a command in its own process group (so a timeout stops its terraform and provider children
 * too) and resolves with its exit code, its output (stdout and stderr together, colours removed)
 * and the seconds it took. `onOutput` sees the output as it comes.
 */
function run(file, args, { cwd, env, timeoutMs = 600_000, onOutput } = {}) {
  return new Promise((resolve) => {
    const started = process.hrtime.bigint();
    const child = spawn(file, args, { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    running.add(child.pid);
    let output = '';
    const collect = (chunk) => {
      const text = stripAnsi(String(chunk));
      output += text;
      onOutput?.(text);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    const timer = setTimeout(() => {
      output += `\n[killed after ${timeoutMs / 1000} s]\n`;
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // Already gone.
      }
    }, timeoutMs);
    child.on('close', (code, signal) => {
      running.delete(child.pid);
      clearTimeout(timer);
      resolve({ code: code ?? (signal ? 128 : 1), output, seconds: Number(process.hrtime.bigint() - started) / 1e9 });
    });
  });
}

/** `cdktf <args> --output <output>` in the fleet example's directory (its cdktf.json type-checks, then synthesizes). */
function cdktf(args, { output, env, cwd = FLEET_DIR, timeoutMs, onOutput }) {
  return run(CDKTF, [...args, '--output', output], { cwd, env, timeoutMs, onOutput });
}

/** `terraform <args>` in one synthesized stack's directory. */
function terraform(args, { stackDir, env, timeoutMs, onOutput }) {
  return run('terraform', args, { cwd: stackDir, env, timeoutMs, onOutput });
}

module.exports = { LOCK_TIMEOUT, baseInventory, credentialsFor, writeInventory, fleetEnv, cdktf, terraform, stopRuns };
