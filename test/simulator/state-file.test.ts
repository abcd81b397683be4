/** A state file the simulator cannot use stops it at start, naming the file and what is wrong, and is never overwritten. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSimulator } from '../../src/simulator';
import { RestSession, USER_LISTS } from './helpers';
import { runToEnd, SIMULATOR_BIN } from './processes';

let dir: string;
let statePath: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sps-sim-state-'));
  statePath = join(dir, 'state.json');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

it.each([
  ['a wrong shape', '{"configuration":5}', /configuration: .*expected record.*number/i],
  ['a body that is not an object', JSON.stringify({ configuration: { [USER_LISTS]: { abc: 'x' } }, apiClientSecrets: {} }), /configuration\["\/api\/configuration\/policies\/userlists"\]\.abc: /],
  ['a collection the simulator does not know', JSON.stringify({ configuration: { '/api/configuration/nothing': {} }, apiClientSecrets: {} }), /configuration\["\/api\/configuration\/nothing"\]: not a collection/],
  ['a secret that is not a SHA-256', JSON.stringify({ configuration: {}, apiClientSecrets: { abc: 'secret' } }), /apiClientSecrets\.abc: /],
  ['broken JSON', '{"configuration": {', /not valid JSON/],
  ['an empty file', '', /not valid JSON/],
])('refuses %s, naming the file and the field, and leaves the file as it was', async (_what, text, problem) => {
  writeFileSync(statePath, text);
  const outcome = await startSimulator({ log: false, statePath }).then(
    async (sim) => (await sim.close(), 'started'),
    (error: Error) => error.message,
  );
  expect(outcome).toContain(statePath);
  expect(outcome).toMatch(problem);
  expect(readFileSync(statePath, 'utf8')).toBe(text);
});

it('the CLI prints one line naming the file and exits non-zero, without listening', async () => {
  writeFileSync(statePath, '{"configuration":5}');
  const result = await runToEnd(process.execPath, [SIMULATOR_BIN, '--port', '0', '--state', statePath], {}, 15_000);
  expect(result.code).toBe(1);
  expect(result.stdout).toBe('');
  expect(result.stderr.trimEnd().split('\n')).toEqual([expect.stringMatching(/^sps-simulator: state file .*state\.json.*configuration: /)]);
  expect(readFileSync(statePath, 'utf8')).toBe('{"configuration":5}');
});

it('gives collections missing from an older state file their built-ins, and keeps what it holds', async () => {
  const kept = { name: 'kept', allow: 'no_user', except: ['alice'] };
  writeFileSync(statePath, JSON.stringify({ configuration: { [USER_LISTS]: { '0123456789abcdef0123456': kept } }, apiClientSecrets: {} }));
  const sim = await startSimulator({ log: false, statePath });
  try {
    const session = await RestSession.login(sim.url);
    expect((await session.call('GET', `${USER_LISTS}/0123456789abcdef0123456`)).json.body).toEqual(kept);
    expect((await session.call('GET', '/api/configuration/http/channel_policies/-304001002')).json.body).toMatchObject({ name: 'default', rules: [{ channel: 'http' }] });
  } finally {
    await sim.close();
  }
});

it("serves its own built-ins over an older simulator's copies (built-ins are read-only: the firmware's)", async () => {
  const channelPolicies = '/api/configuration/http/channel_policies';
  writeFileSync(statePath, JSON.stringify({ configuration: { [channelPolicies]: { '-304001002': { name: 'default' } } }, apiClientSecrets: {} }));
  const sim = await startSimulator({ log: false, statePath });
  try {
    const session = await RestSession.login(sim.url);
    expect((await session.call('GET', `${channelPolicies}/-304001002`)).json.body).toMatchObject({ name: 'default', rules: [{ channel: 'http' }] });
  } finally {
    await sim.close();
  }
});
