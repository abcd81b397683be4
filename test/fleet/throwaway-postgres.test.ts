/**
 * The throw-away PostgreSQL shared by the fleet demo, tests and benchmark: where the server
 * binaries are missing it fails naming the Debian package to install (the fleet tests then fail
 * with that message: they are never skipped); it is reachable only through its socket directory,
 * and stopping it removes everything.
 */
import { existsSync } from 'node:fs';
import { deadline } from '../support/wait';
/* eslint-disable-next-line @typescript-eslint/no-require-imports */
const { startThrowawayPostgres } = require('../../scripts/lib/throwaway-postgres.cjs');

jest.setTimeout(deadline(60_000));

it('fails naming the package to install when the PostgreSQL 15 binaries are missing', async () => {
  await expect(startThrowawayPostgres({ binDir: '/nonexistent/postgresql/15/bin' })).rejects.toThrow(
    /initdb, postgres, pg_ctl, psql, pg_isready are missing from \/nonexistent\/postgresql\/15\/bin\. Install the Debian package postgresql-15: apt-get install postgresql-15/,
  );
});

it('serves SQL on a unix socket in its directory only, and stop removes the directory', async () => {
  const pg = await startThrowawayPostgres();
  try {
    expect(pg.connStr).toMatch(/^postgres:\/\/terraform@\/terraform\?host=%2F.*&sslmode=disable$/);
    expect(pg.query("SELECT current_database() || ' ' || current_setting('listen_addresses') || '|'")).toBe('terraform |');
    expect(pg.query('SELECT pg_try_advisory_lock(42)')).toBe('t');
  } finally {
    await pg.stop();
  }
  expect(existsSync(pg.dir)).toBe(false);
});
