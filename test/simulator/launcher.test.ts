/**
 * `npx sps-simulator`, as the README starts it, is npm exec → sh -c → node. Killing the npx
 * process (SIGTERM ends npm and sh; SIGKILL ends npm alone, and sh waits on) must end the
 * simulator too, rather than leave it serving with nobody to stop it.
 */
import { connect } from 'node:net';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'undici';
import { repoRoot } from '../support/paths';
import { waitFor } from '../support/wait';
import { runToEnd, SIMULATOR_BIN, startListening } from './processes';

/** The live processes of a process group (Linux /proc; zombies are already dead). */
function processGroup(group: number): Array<{ pid: number; command: string }> {
  const members = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(pgrp) !== group || state === 'Z') continue;
      members.push({ pid: Number(entry), command: readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').join(' ').trim() });
    } catch {
      // gone while being read
    }
  }
  return members;
}

const onLinux = process.platform === 'linux' ? describe : describe.skip;

onLinux('npx sps-simulator', () => {
  it.each(['SIGTERM', 'SIGKILL'] as const)('ends when the npx process is killed with %s', async (signal) => {
    // A fresh npm cache under the temp dir; npx links this checkout into it without running its build.
    const cache = mkdtempSync(join(tmpdir(), 'sps-npx-cache-'));
    const env = { ...process.env, npm_config_cache: cache, npm_config_ignore_scripts: 'true', npm_config_update_notifier: 'false' };
    const npx = await startListening('npx', ['sps-simulator', '--port', '0', '--quiet'], { cwd: repoRoot, env, detached: true }, 60_000);
    const group = npx.child.pid!;
    try {
      const simulator = processGroup(group).find((p) => p.pid !== group && /^node .*sps-simulator/.test(p.command));
      expect(simulator).toBeDefined();
      process.kill(group, signal); // the npx process alone, not its group
      await waitFor(
        `no process of the npx group is left (simulator pid ${simulator!.pid}, port ${npx.port})`,
        () => processGroup(group).length === 0,
        10_000,
      );
      const refused = await new Promise<string>((resolve) => {
        const socket = connect(npx.port, '127.0.0.1', () => (socket.destroy(), resolve('accepted')));
        socket.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
      });
      expect(refused).toBe('ECONNREFUSED');
    } finally {
      for (const { pid } of processGroup(group)) process.kill(pid, 'SIGKILL');
      rmSync(cache, { recursive: true, force: true });
    }
  });
});

it.each(['SIGINT', 'SIGTERM', 'SIGHUP'] as const)('closes and exits 0 on %s', async (signal) => {
  const simulator = await startListening(process.execPath, [SIMULATOR_BIN, '--port', '0', '--quiet']);
  const exited = new Promise<[number | null, string | null]>((resolve) => simulator.child.on('exit', (code, received) => resolve([code, received])));
  simulator.child.kill(signal);
  expect(await exited).toEqual([0, null]);
});

it('prints its URL as the first stdout line, then serves logins with a cookie, logging each request without credentials', async () => {
  const simulator = await startListening(process.execPath, [SIMULATOR_BIN, '--port', '0']);
  try {
    expect(simulator.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const response = await request(`${simulator.url}/api/authentication`, { headers: { authorization: `Basic ${Buffer.from('admin:admin').toString('base64')}` } });
    await response.body.text();
    expect(String(response.headers['set-cookie'])).toMatch(/^session_id=/);
    await waitFor('the simulator logs the login on stderr', () => /GET \/api\/authentication 200 \d+\.\dms/.test(simulator.stderr()));
    expect(simulator.stderr()).not.toMatch(/session_id|Basic|YWRtaW46YWRtaW4/);
  } finally {
    simulator.child.kill();
  }
});

it('rejects an out-of-range --port, naming the option and the value', async () => {
  const result = await runToEnd(process.execPath, [SIMULATOR_BIN, '--port', '70000']);
  expect(result.code).toBe(2);
  expect(result.stderr).toMatch(/--port .*"70000"/);
});
