/**
 * What adversarial testing found, each as a user's bad day, through the real terraform CLI:
 * credentials over plain HTTP, invisible TLS shortcuts, hostile import ids, references to keys
 * that do not exist, names and lists the appliance would not want, a lost state, a plan that
 * never logged in, a lock left by a killed run, and a create behind a 503 storm.
 */
import { spawn } from 'node:child_process';
import type { SimulatorHandle } from '../../src/simulator';
import { adminSession, startTestSimulator } from '../support/simulator';
import { makeWorkspace, PROVIDER_BLOCK, tf, tfOk, type Workspace } from '../support/terraform';
import { deadline, waitFor } from '../support/wait';

jest.setTimeout(deadline(180_000));

const USER_LISTS = '/api/configuration/policies/userlists';
const POLICIES = `policies = { channel_policy = "-304001002", settings = "-3040010", audit_policy = "-10000", authentication_policy = "-304002001" }`;
let simulator: SimulatorHandle;
const workspaces: Workspace[] = [];

beforeEach(async () => {
  simulator = await startTestSimulator();
});
afterEach(async () => {
  for (const ws of workspaces.splice(0)) ws.cleanup();
  await simulator.close();
});

function providerBlock(attributes: Record<string, string | boolean> = {}): string {
  const settings = { url: simulator.url, username: 'admin', password: 'admin', lock_timeout: '30s', ...attributes };
  const lines = Object.entries(settings).map(([name, value]) => `  ${name} = ${typeof value === 'boolean' ? value : JSON.stringify(value)}`);
  return `${PROVIDER_BLOCK}\nprovider "sps" {\n${lines.join('\n')}\n}\n`;
}

async function workspace(files: Record<string, string>, options: { env?: Record<string, string> } = {}): Promise<Workspace> {
  const ws = makeWorkspace({ files: { 'provider.tf': providerBlock(), ...files }, env: options.env });
  workspaces.push(ws);
  await tfOk(ws, ['init', '-input=false']);
  return ws;
}

const oneLine = (text: string) => text.replace(/[│╷╵]/g, ' ').replace(/\s+/g, ' ');
const userList = (address: string, name: string, except = '[]') => `resource "sps_user_list" "${address}" {\n  name   = "${name}"\n  allow  = "no_user"\n  except = ${except}\n}\n`;

describe('connection security', () => {
  it('refuses http:// to a non-loopback address before sending anything, and warns when it is allowed explicitly', async () => {
    const ws = await workspace({ 'provider.tf': providerBlock({ url: 'http://192.0.2.10:8080' }), 'main.tf': userList('a', 'a') });
    const refused = await tf(ws, ['plan', '-no-color']);
    expect(refused.code).toBe(1);
    expect(oneLine(refused.stderr)).toMatch(/Refusing to send credentials over plain HTTP .*url \(or SPS_URL\) is http:\/\/ to 192\.0\.2\.10, which is not a loopback address/);
    expect(refused.stderr).toMatch(/with provider\["registry\.terraform\.io\/sps-iac\/sps"\]/);

    // Allowed explicitly: a warning on every plan (nothing is planned here, so nothing connects).
    ws.write({ 'provider.tf': providerBlock({ url: 'http://192.0.2.10:8080', allow_insecure_http: true }), 'main.tf': 'data "sps_user_list" "never" {\n  count = 0\n  name  = "x"\n}\n' });
    const warned = await tfOk(ws, ['plan', '-no-color']);
    expect(oneLine(warned.stdout + warned.stderr)).toMatch(/Warning: Credentials are sent over plain HTTP/);
  });

  it('shows insecure = true as a warning in every plan and apply', async () => {
    const tls = await startTestSimulator({ tls: true });
    try {
      const ws = await workspace({ 'provider.tf': providerBlock({ url: tls.url, insecure: true }), 'main.tf': userList('a', 'a') });
      const plan = await tfOk(ws, ['plan', '-no-color']);
      expect(oneLine(plan.stdout + plan.stderr)).toMatch(/Warning: TLS certificate verification is off .*insecure = true/);
      const apply = await tfOk(ws, ['apply', '-auto-approve', '-no-color']);
      expect(oneLine(apply.stdout + apply.stderr)).toMatch(/Warning: TLS certificate verification is off/);
    } finally {
      await tls.close();
    }
  });

  it('logs in during a plan that only creates, so wrong credentials fail the pull request, not the merge', async () => {
    const ws = await workspace({ 'provider.tf': providerBlock({ password: 'wrong' }), 'main.tf': userList('a', 'a') });
    const plan = await tf(ws, ['plan', '-no-color']);
    expect(plan.code).toBe(1);
    expect(oneLine(plan.stderr)).toMatch(/401|Invalid username or password/);
    // One login attempt per provider process, none of them writing.
    expect(Object.keys(simulator.counters().requests).filter((request) => /^(POST|PUT|DELETE) \/api\/configuration/.test(request))).toEqual([]);
  });
});

describe('hostile import ids', () => {
  it.each([
    ['".."', '..'],
    ['"../../transaction"', '../../transaction'],
    ['"%2e%2e"', '%2e%2e'],
    ['" -1"', ' -1'],
    ['"-1/x"', '-1/x'],
    ['a 10,000-character id', 'x'.repeat(10_000)],
  ])('refuses %s before any request, naming the expected shape', async (_label, id) => {
    const ws = await workspace({ 'main.tf': userList('x', 'x') });
    simulator.resetCounters();
    const result = await tf(ws, ['import', '-no-color', 'sps_user_list.x', id]);
    expect(result.code).toBe(1);
    expect(oneLine(result.stderr)).toMatch(/is not a valid key for a user list: keys are negative integers for built-ins \(e\.g\. "-3"\) or hex or UUID-like identifiers/);
    const requested = Object.keys(simulator.counters().requests).filter((request) => !request.includes('/api/authentication'));
    expect(requested).toEqual([]);
  });
});

describe('plan-time checks', () => {
  it('a reference to a well-formed key that does not exist fails the plan, naming the field and the kind, with one GET per distinct key', async () => {
    const missing = '0123456789abcdef0123456';
    const policy = (name: string) => `resource "sps_http_connection_policy" "${name}" {
  name           = "${name}"
  network        = { clients = ["10.0.0.0/8"], targets = ["10.1.1.1"], ports = [443] }
  server_address = { selection = "fix", address = "${name}.example.com", port = 443 }
  policies       = { channel_policy = "${missing}", settings = "-3040010", audit_policy = "-10000", authentication_policy = "-304002001" }
}
`;
    const ws = await workspace({ 'main.tf': policy('one') + policy('two') });
    simulator.resetCounters();
    const plan = await tf(ws, ['plan', '-no-color']);
    expect(plan.code).toBe(1);
    expect(oneLine(plan.stderr)).toMatch(new RegExp(`policies\\.channel_policy: the appliance has no HTTP channel policy with key "${missing}"`));
    expect(simulator.counters().requests['GET /api/configuration/http/channel_policies/{key}']).toBe(1);
  });

  it('refuses control characters in names and duplicate entries, naming the field and the entry', async () => {
    const ws = await workspace({
      'main.tf': `${userList('bad', 'bad\\u007fname')}
resource "sps_http_connection_policy" "dup" {
  name           = "dup"
  network        = { clients = ["10.0.0.0/8"], targets = ["10.1.1.1"], ports = [443, 443] }
  server_address = { selection = "fix", address = "dup.example.com", port = 443 }
  ${POLICIES}
}
`,
    });
    const result = await tf(ws, ['validate', '-no-color']);
    expect(result.code).toBe(1);
    const errors = oneLine(result.stderr);
    expect(errors).toMatch(/name: character 4 is U\+007F \(DELETE\), a control character, invisible in a review/);
    expect(errors).toMatch(/network\.ports\[1\]: 443 is listed twice \(also at \[0\]\): ports must be unique/);
  });
});

describe('where Terraform shows an error', () => {
  it('on the attribute holding the element at fault, and the detail names the element and its value', async () => {
    // Measured with Terraform 1.11: a diagnostic path deeper than the top-level attribute makes
    // Terraform underline the whole resource block, so the provider points at `network` and the
    // detail names `network.clients[1]` and "10.0.0.0/33".
    const ws = await workspace({
      'main.tf': `resource "sps_http_connection_policy" "p" {
  name = "p"
  network = {
    clients = ["10.0.0.0/8", "10.0.0.0/33"]
    targets = ["10.1.1.1"]
    ports   = [443]
  }
  server_address = { selection = "fix", address = "p.example.com", port = 443 }
  ${POLICIES}
}
`,
    });
    const result = await tf(ws, ['validate', '-no-color']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/on main\.tf line 3, in resource "sps_http_connection_policy" "p":\n\s+3:\s+network = \{/);
    expect(oneLine(result.stderr)).toMatch(/network\.clients\[1\]: must be an IP address or CIDR range such as 10\.0\.0\.0\/8, got "10\.0\.0\.0\/33"/);
  });
});

describe('names', () => {
  it('after the state is lost, an apply refuses to create a second object of the same name and shows the import block', async () => {
    const ws = await workspace({ 'main.tf': userList('ops', 'ops', '["alice"]') });
    await tfOk(ws, ['apply', '-auto-approve']);
    const key = JSON.parse((await tfOk(ws, ['show', '-json'])).stdout).values.root_module.resources[0].values.id;
    expect((await tf(ws, ['state', 'rm', 'sps_user_list.ops'])).code).toBe(0);

    const refused = await tf(ws, ['apply', '-auto-approve', '-no-color']);
    expect(refused.code).toBe(1);
    const text = oneLine(refused.stderr);
    expect(text).toMatch(new RegExp(`User list "ops" already exists .*key "${key}".*Nothing was written`));
    expect(refused.stderr).toMatch(new RegExp(`import \\{\\s+to = sps_user_list\\.<name>\\s+id = "${key}"\\s+\\}`));
    const admin = await adminSession(simulator.url);
    expect(await admin.customKeys(USER_LISTS)).toEqual([key]);

    // The import block adopts it.
    ws.write({ 'import.tf': `import {\n  to = sps_user_list.ops\n  id = "${key}"\n}\n` });
    expect((await tfOk(ws, ['apply', '-auto-approve'])).stdout).toMatch(/1 imported, 0 added, 0 changed, 0 destroyed/);
  });

  // Refused at plan since the one-description redesign (issue 21): the plan sees both creates, so
  // neither is written (0.1.0 created the first and refused the second at apply).
  it('two resources of one name in one configuration: refused at plan, nothing is created', async () => {
    const ws = await workspace({ 'main.tf': userList('first', 'same') + userList('second', 'same') });
    const result = await tf(ws, ['apply', '-auto-approve', '-no-color']);
    expect(result.code).toBe(1);
    expect(oneLine(result.stderr)).toMatch(/User list "same" is created twice .*Another resource of this configuration creates a user list named "same"/);
    expect(result.stdout).not.toMatch(/Creation complete/);
    const admin = await adminSession(simulator.url);
    expect(await admin.customKeys(USER_LISTS)).toHaveLength(0);
  });

  it('terraform killed with SIGKILL during the commit: the re-apply refuses with the existing keys and import blocks, and creates no duplicate', async () => {
    const ws = await workspace({ 'main.tf': [0, 1, 2, 3, 4].map((i) => userList(`l${i}`, `list-${i}`)).join('\n') });
    // The commit is held for a moment on the appliance; terraform dies while it waits for the answer.
    simulator.injectFault({ kind: 'delay', method: 'PUT', path: '/api/transaction', delayMs: 1500, count: 1 });
    const child = spawn('terraform', ['apply', '-auto-approve', '-no-color', '-input=false'], { cwd: ws.dir, env: { ...process.env, ...ws.env }, detached: true });
    child.stdout.resume();
    child.stderr.resume();
    try {
      await waitFor('terraform sends the commit', () => (simulator.counters().requests['PUT /api/transaction'] ?? 0) > 0, 60_000);
    } finally {
      process.kill(-child.pid!, 'SIGKILL');
    }
    await new Promise((resolve) => child.on('exit', resolve));
    // The appliance finishes the commit it received; Terraform never recorded the objects.
    const admin = await adminSession(simulator.url);
    await waitFor('the appliance finishes the commit', () => simulator.commits().length > 0, 10_000);
    const keys = await admin.customKeys(USER_LISTS);
    expect(keys).toHaveLength(5);

    const again = await tf(ws, ['apply', '-auto-approve', '-no-color']);
    expect(again.code).toBe(1);
    expect((again.stderr.match(/already exists/g) ?? []).length).toBe(5);
    for (const key of keys) expect(again.stderr).toContain(`id = "${key}"`);
    expect(await admin.customKeys(USER_LISTS)).toHaveLength(5);
  });
});

describe('locks and retries', () => {
  it('a lock held by the provider\'s own user says it may be an abandoned run, and when the appliance releases it', async () => {
    simulator.holdLock('admin');
    const ws = await workspace({ 'provider.tf': providerBlock({ lock_timeout: '2s' }), 'main.tf': userList('a', 'a') });
    const result = await tf(ws, ['apply', '-auto-approve', '-no-color']);
    expect(result.code).toBe(1);
    expect(oneLine(result.stderr)).toMatch(/held by "admin", the user this provider logs in as: it may be an abandoned session of an earlier run .* releases it in about \d+ s/);
  });

  it('three 503s in a row on a create: once the change list proves nothing was created, the create is sent again and succeeds', async () => {
    const ws = await workspace({ 'main.tf': userList('a', 'a') });
    simulator.injectFault({ kind: 'status', status: 503, method: 'POST', path: USER_LISTS, count: 3 });
    const applied = await tf(ws, ['apply', '-auto-approve', '-no-color']);
    expect({ code: applied.code, stderr: applied.stderr }).toEqual({ code: 0, stderr: '' });
    const admin = await adminSession(simulator.url);
    expect(await admin.customKeys(USER_LISTS)).toHaveLength(1);
  });
});
