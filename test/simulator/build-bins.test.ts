/**
 * `npm run build` leaves every command of package.json's "bin" executable, and the README's
 * `npx sps-simulator --port 0` then starts. Built in a copy of the sources under the temp dir
 * (node_modules linked), since tsc writes new files with mode 0644 and this checkout's are older.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../support/paths';
import { runToEnd, startListening } from './processes';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'sps-build-'));
  for (const entry of ['package.json', 'tsconfig.json', 'src', 'scripts']) cpSync(join(repoRoot, entry), join(dir, 'package', entry), { recursive: true });
  symlinkSync(join(repoRoot, 'node_modules'), join(dir, 'package/node_modules'), 'dir');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('makes every bin executable, and the README simulator command starts after the build', async () => {
  const cwd = join(dir, 'package');
  const build = await runToEnd('npm', ['run', '--silent', 'build'], { cwd }, 180_000);
  expect(build).toMatchObject({ code: 0 });
  const bins = Object.values(JSON.parse(readFileSync(join(cwd, 'package.json'), 'utf8')).bin as Record<string, string>);
  expect(bins.length).toBeGreaterThan(1);
  for (const bin of bins) expect([bin, (statSync(join(cwd, bin)).mode & 0o777).toString(8)]).toEqual([bin, '755']);

  const command = 'npx sps-simulator --port 0';
  expect(readFileSync(join(repoRoot, 'README.md'), 'utf8')).toContain(`\n${command} `);
  // npm links the package into a fresh cache under the temp dir; its build is not run again.
  const env = { ...process.env, npm_config_cache: join(dir, 'npm-cache'), npm_config_ignore_scripts: 'true', npm_config_update_notifier: 'false' };
  const [npx, ...args] = command.split(' ');
  const simulator = await startListening(npx, [...args, '--quiet'], { cwd, env }, 60_000);
  try {
    expect(simulator.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  } finally {
    simulator.child.kill('SIGTERM');
  }
}, 300_000);
