// A throw-away PostgreSQL 15 for Terraform's pg backend, shared by `npm run demo:fleet`, the fleet
// tests and the fleet benchmark: initdb into a directory of the caller's, serve on a unix socket
// in that directory only (no TCP port, so nothing else on the machine can reach it or collide
// with it), and stop and remove it all at the end.
//
// PostgreSQL refuses to run as root. As root, initdb and postgres run as the `postgres` user
// through setpriv, which execs in place, so the child we spawn *is* the postmaster and stopping
// it needs no pid files. As any other user they run as that user.
const { execFileSync, spawn } = require('node:child_process');
const { chmodSync, chownSync, existsSync, mkdirSync, realpathSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

const DEFAULT_BIN_DIR = '/usr/lib/postgresql/15/bin';
const PACKAGE = 'postgresql-15';
const DATABASE = 'terraform';
const USER = 'terraform';
// A unix socket's path is limited to 107 bytes on Linux.
const SOCKET_NAME = '.s.PGSQL.5432';

/** Fails with the Debian package to install when a server binary is missing. */
function checkBinaries(binDir) {
  const missing = ['initdb', 'postgres', 'pg_ctl', 'psql', 'pg_isready'].filter((name) => !existsSync(join(binDir, name)));
  if (missing.length > 0) {
    throw new Error(
      `PostgreSQL 15 is needed for the fleet (Terraform's pg backend) but ${missing.join(', ')} ` +
        `${missing.length === 1 ? 'is' : 'are'} missing from ${binDir}. Install the Debian package ${PACKAGE}: ` +
        `apt-get install ${PACKAGE}`,
    );
  }
}

/** How to run a server binary: as `postgres` when we are root, else as ourselves. */
function runAs() {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return { prefix: [], uid: undefined, gid: undefined };
  let uid;
  let gid;
  try {
    uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
  } catch {
    throw new Error(`running as root, PostgreSQL must run as another user, but there is no "postgres" user (the Debian package ${PACKAGE} creates it)`);
  }
  return { prefix: ['setpriv', `--reuid=${uid}`, `--regid=${gid}`, '--init-groups', '--'], uid, gid };
}

function command(user, binDir, name, args) {
  const [file, ...rest] = [...user.prefix, join(binDir, name), ...args];
  return { file, args: rest };
}

/** A server left running by an interrupted run in the same directory is stopped before its files go. */
function stopLeftover(user, binDir, dataDir) {
  if (!existsSync(join(dataDir, 'postmaster.pid'))) return;
  const { file, args } = command(user, binDir, 'pg_ctl', ['-D', dataDir, '-m', 'immediate', '-w', 'stop']);
  try {
    execFileSync(file, args, { stdio: 'ignore' });
  } catch {
    // Not running any more: only the pid file was left.
  }
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Starts PostgreSQL in `dir` (created; its previous content is removed), by default a new
 * temporary directory. Returns `{ connStr, dir, query, stateSchemas, advisoryLocks, stop }`;
 * connStr is for PG_CONN_STR: a unix socket in `dir` with trust authentication, the socket
 * usable only by its owner (and root).
 */
async function startThrowawayPostgres({ dir = join(realpathSync(tmpdir()), `sps-pg-${process.pid}-${Date.now().toString(36)}`), binDir = DEFAULT_BIN_DIR, timeoutMs = 30_000 } = {}) {
  checkBinaries(binDir);
  if (join(dir, SOCKET_NAME).length > 107) throw new Error(`the socket path ${join(dir, SOCKET_NAME)} is longer than 107 bytes: choose a shorter dir`);
  const user = runAs();
  stopLeftover(user, binDir, join(dir, 'data'));
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const dataDir = join(dir, 'data');
  if (user.uid !== undefined) {
    // mkdtemp makes 0700 directories: the postgres user must be able to reach its own.
    chmodSync(dir, 0o755);
    chownSync(dir, user.uid, user.gid);
    try {
      execFileSync('setpriv', [...user.prefix.slice(1), 'test', '-w', dir], { stdio: 'ignore' });
    } catch {
      rmSync(dir, { recursive: true, force: true });
      throw new Error(`the postgres user cannot reach ${dir}: every directory above it must be searchable by others (chmod o+x)`);
    }
  }
  const run = (name, args) => {
    const { file, args: rest } = command(user, binDir, name, args);
    return execFileSync(file, rest, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  };
  try {
    run('initdb', ['-D', dataDir, '-U', USER, '--auth=trust', '--encoding=UTF8', '--no-sync', '--no-instructions']);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`initdb failed in ${dataDir}: ${String(error.stderr || error.message).trim()}`, { cause: error });
  }

  const { file, args } = command(user, binDir, 'postgres', [
    '-D', dataDir,
    '-c', "listen_addresses=",
    '-c', `unix_socket_directories=${dir}`,
    '-c', 'unix_socket_permissions=0700',
    // Throw-away data: durability buys nothing here and costs seconds per run.
    '-c', 'fsync=off',
    '-c', 'synchronous_commit=off',
    '-c', 'full_page_writes=off',
    '-c', 'max_connections=200',
  ]);
  const server = spawn(file, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  server.stderr.on('data', (chunk) => {
    log = (log + chunk).slice(-4000);
  });
  let exited = false;
  const exit = new Promise((resolve) => server.once('exit', (code, signal) => ((exited = true), resolve(signal ?? code))));

  const stop = async () => {
    if (!exited) {
      server.kill('SIGINT'); // "fast" shutdown: ends the sessions, no waiting for clients
      const timer = setTimeout(() => server.kill('SIGKILL'), 10_000);
      await exit;
      clearTimeout(timer);
    }
    rmSync(dir, { recursive: true, force: true });
  };

  const psql = (sql, database = DATABASE) => {
    const { file: f, args: a } = command({ prefix: [] }, binDir, 'psql', ['-h', dir, '-U', USER, '-d', database, '-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1', '-c', sql]);
    return execFileSync(f, a, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
  };

  try {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (exited) throw new Error(`postgres exited during start-up:\n${log.trim()}`);
      try {
        execFileSync(join(binDir, 'pg_isready'), ['-q', '-h', dir, '-U', USER, '-d', 'postgres'], { stdio: 'ignore' });
        break;
      } catch {
        if (Date.now() > deadline) throw new Error(`postgres did not accept connections within ${timeoutMs / 1000} s:\n${log.trim()}`);
        await sleep(100);
      }
    }
    psql(`CREATE DATABASE ${DATABASE}`, 'postgres');
  } catch (error) {
    await stop();
    throw error;
  }

  return {
    dir,
    /** For PG_CONN_STR (lib/pq reads the socket directory from `host`). */
    connStr: `postgres://${USER}@/${DATABASE}?host=${encodeURIComponent(dir)}&sslmode=disable`,
    /** Runs SQL with psql and returns its unaligned, tuples-only output. */
    query: (sql) => psql(sql),
    /** The state schemas Terraform created, with their workspaces. */
    stateSchemas: () =>
      psql("SELECT table_schema FROM information_schema.tables WHERE table_name = 'states' ORDER BY 1")
        .split('\n')
        .filter(Boolean),
    /** The advisory locks held right now (Terraform's state locks), as `objid` numbers. */
    advisoryLocks: () =>
      psql("SELECT objid FROM pg_locks WHERE locktype = 'advisory' AND granted ORDER BY 1")
        .split('\n')
        .filter(Boolean)
        .map(Number),
    stop,
  };
}

module.exports = { startThrowawayPostgres };
