/** `--seed FILE` / `startSimulator({ seed })`: objects the simulator holds from the start, checked against the model. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSimulator } from '../../src/simulator';
import { repoRoot } from '../support/paths';
import { CONNECTIONS, LOCAL_GROUPS, RestSession, validPolicy } from './helpers';
import { runToEnd, SIMULATOR_BIN, startListening } from './processes';

const EXAMPLE = join(repoRoot, 'examples/simulator-seed.yaml');
const LDAP_SERVERS = '/api/configuration/policies/ldap_servers';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sps-sim-seed-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** The names in a collection, looked up as a client does: list the keys, read each object. */
async function names(session: RestSession, path: string): Promise<Record<string, string>> {
  const keys = ((await session.call('GET', path)).json.items as Array<{ key: string }>).map((item) => item.key);
  const byName: Record<string, string> = {};
  for (const key of keys) byName[(await session.call('GET', `${path}/${key}`)).json.body.name] = key;
  return byName;
}

it('starts with the example seed (sps-simulator --seed examples/simulator-seed.yaml) and serves its objects by name', async () => {
  const simulator = await startListening(process.execPath, [SIMULATOR_BIN, '--port', '0', '--quiet', '--seed', EXAMPLE]);
  try {
    const session = await RestSession.login(simulator.url);
    expect(await names(session, LOCAL_GROUPS)).toEqual({ 'siem-admins': '5eed0000000000000000001' });
    expect(Object.keys(await names(session, LDAP_SERVERS))).toEqual(['corp-ldap']);
    expect(Object.keys(await names(session, '/api/configuration/policies/signing_cas'))).toEqual(['session-signing-ca']);
    expect(Object.keys(await names(session, '/api/configuration/policies/trusted_ca_lists'))).toEqual(['corporate-roots']);
    expect(Object.keys(await names(session, '/api/configuration/x509'))).toEqual(['sps-web-certificate']);
    expect((await session.call('GET', `${LOCAL_GROUPS}/5eed0000000000000000001`)).json.body).toEqual({ name: 'siem-admins', description: "Administrators of the SIEM's API client" });
    // Committed configuration, but no commit a client made.
    const control = await new RestSession(simulator.url).raw('GET', '/_simulator/commits', { basic: 'admin:admin' });
    expect(control.json.commits).toEqual([]);
  } finally {
    simulator.child.kill('SIGKILL');
  }
});

it('resolves references between seeded objects (JSON works too)', async () => {
  const seed = join(dir, 'seed.json');
  const ldapKey = '0123456789abcdef0123456';
  writeFileSync(seed, JSON.stringify({ [CONNECTIONS]: [validPolicy({ policies: { ...validPolicy().policies, ldap_server: ldapKey } })], [LDAP_SERVERS]: [{ key: ldapKey, name: 'corp-ldap' }] }));
  const sim = await startSimulator({ log: false, seed });
  try {
    const session = await RestSession.login(sim.url);
    const [key] = Object.values(await names(session, CONNECTIONS));
    expect((await session.call('GET', `${CONNECTIONS}/${key}`)).json.body.policies.ldap_server.key).toBe(ldapKey);
    // A seeded object in use cannot be deleted, like any other.
    expect((await session.call('DELETE', `${LDAP_SERVERS}/${ldapKey}`)).status).toBe(409);
  } finally {
    await sim.close();
  }
});

it.each([
  ['an unknown collection path', '/api/configuration/nothing:\n  - name: x\n', /"\/api\/configuration\/nothing" is not a collection the simulator serves/],
  ['a body the model refuses', `${LOCAL_GROUPS}:\n  - name: 5\n`, new RegExp(`${LOCAL_GROUPS}\\[0\\]: name: `)],
  ['a field the model does not know', `${LOCAL_GROUPS}:\n  - name: ops\n    colour: blue\n`, new RegExp(`${LOCAL_GROUPS}\\[0\\]: colour: not a field the simulator models`)],
  ['a nested field the model does not know', `${CONNECTIONS}:\n  - ${JSON.stringify(validPolicy({ network: { ...validPolicy().network, zone: 'x' } }))}\n`, new RegExp(`${CONNECTIONS}\\[0\\]: network\\.zone: not a field`)],
  ['a built-in key', `${LOCAL_GROUPS}:\n  - key: "-1"\n    name: ops\n`, /\[0\]: key "-1" must be a key as the appliance issues them/],
  ['a key given twice', `${LOCAL_GROUPS}:\n  - { key: 0123456789abcdef0123456, name: a }\n  - { key: 0123456789abcdef0123456, name: b }\n`, /\[1\]: key "0123456789abcdef0123456" is given twice/],
  ['a reference to nothing', `${CONNECTIONS}:\n  - ${JSON.stringify(validPolicy({ policies: { ...validPolicy().policies, ldap_server: '0123456789abcdef0123456' } }))}\n`, new RegExp(`${CONNECTIONS}\\[0\\]: policies\\.ldap_server: refers to ${LDAP_SERVERS}/0123456789abcdef0123456, which is neither built in nor in the seed`)],
  ['an API client', '/api/configuration/aaa/api_clients:\n  - name: siem\n', /API clients cannot be seeded/],
  ['a list where objects belong', `${LOCAL_GROUPS}: { name: ops }\n`, new RegExp(`${LOCAL_GROUPS}: must be a list of objects`)],
  ['broken YAML', `${LOCAL_GROUPS}:\n  - name: [ops\n`, /is not valid YAML or JSON: .*line \d+, column \d+/],
])('refuses %s, naming the file, the object and the field', async (_what, text, problem) => {
  const seed = join(dir, 'seed.yaml');
  writeFileSync(seed, text);
  const outcome = await startSimulator({ log: false, seed }).then(
    async (sim) => (await sim.close(), 'started'),
    (error: Error) => error.message,
  );
  expect(outcome).toMatch(new RegExp(`^seed file ${seed}: `));
  expect(outcome).toMatch(problem);
  expect(outcome).not.toContain('\n');
});

it('the CLI prints one line for a bad seed and exits non-zero; --help documents --seed', async () => {
  const seed = join(dir, 'seed.yaml');
  writeFileSync(seed, `${LOCAL_GROUPS}:\n  - name: ""\n`);
  const result = await runToEnd(process.execPath, [SIMULATOR_BIN, '--port', '0', '--seed', seed], {}, 15_000);
  expect([result.code, result.stdout]).toEqual([1, '']);
  expect(result.stderr.trimEnd().split('\n')).toEqual([`sps-simulator: seed file ${seed}: ${LOCAL_GROUPS}[0]: name: must not be empty`]);
  const help = await runToEnd(process.execPath, [SIMULATOR_BIN, '--help']);
  expect(help.stdout).toContain('--seed FILE');
});

it('with --state, seeds a new state file once; an existing state file wins over the seed', async () => {
  const statePath = join(dir, 'state.json');
  const first = join(dir, 'first.yaml');
  const second = join(dir, 'second.yaml');
  writeFileSync(first, `${LOCAL_GROUPS}:\n  - name: from-first-seed\n`);
  writeFileSync(second, `${LOCAL_GROUPS}:\n  - name: from-second-seed\n`);
  let sim = await startSimulator({ log: false, statePath, seed: first });
  await sim.close();
  expect(readFileSync(statePath, 'utf8')).toContain('from-first-seed');
  const lines: string[] = [];
  sim = await startSimulator({ log: (line) => lines.push(line), statePath, seed: second });
  try {
    const session = await RestSession.login(sim.url);
    expect(Object.keys(await names(session, LOCAL_GROUPS))).toEqual(['from-first-seed']);
    expect(lines).toContain(`seed ${second} not applied: ${statePath} already holds the configuration`);
  } finally {
    await sim.close();
  }
});
