/**
 * Random invalid configurations through `terraform validate`: each gets a diagnostic that names
 * its field. One file holds many resources, so one terraform run checks them all.
 */
import fc from 'fast-check';
import '../support/fuzz';
import { makeWorkspace, PROVIDER_BLOCK, tf, type Workspace } from '../support/terraform';
import { deadline } from '../support/wait';

jest.setTimeout(deadline(120_000));

interface Mutation {
  /** The field path the diagnostic must name. */
  field: string;
  /** The resource block, with the mistake. */
  block: (name: string) => string;
}

const policy = (name: string, overrides: { network?: string; server?: string; extra?: string; policies?: string }) => `resource "sps_http_connection_policy" "${name}" {
  name           = "${name}"
  network        = ${overrides.network ?? '{ clients = ["10.0.0.0/8"], targets = ["10.1.1.1"], ports = [443] }'}
  server_address = ${overrides.server ?? '{ selection = "fix", address = "a.example.com", port = 443 }'}
  policies       = ${overrides.policies ?? '{ channel_policy = "-304001002", settings = "-3040010", audit_policy = "-10000", authentication_policy = "-304002001" }'}
${overrides.extra ?? ''}
}
`;

const mutations: fc.Arbitrary<Mutation> = fc.oneof(
  fc.integer({ min: 65536, max: 10_000_000 }).map((port) => ({ field: 'network.ports[0]', block: (n: string) => policy(n, { network: `{ clients = ["10.0.0.0/8"], targets = ["10.1.1.1"], ports = [${port}] }` }) })),
  fc.integer({ min: 33, max: 999 }).map((prefix) => ({ field: 'network.clients[0]', block: (n: string) => policy(n, { network: `{ clients = ["10.0.0.0/${prefix}"], targets = ["10.1.1.1"], ports = [443] }` }) })),
  fc.stringMatching(/^[a-z]{3,10}$/).filter((s) => !['original', 'nat', 'fix', 'inband'].includes(s)).map((selection) => ({ field: 'server_address.selection', block: (n: string) => policy(n, { server: `{ selection = "${selection}" }` }) })),
  fc.constantFrom('address', 'port').map((missing) => ({
    field: `server_address.${missing}`,
    block: (n: string) => policy(n, { server: missing === 'address' ? '{ selection = "fix", port = 443 }' : '{ selection = "fix", address = "a.example.com" }' }),
  })),
  fc.integer({ min: 6, max: 100 }).map((priority) => ({ field: 'indexing.priority', block: (n: string) => policy(n, { extra: `  indexing = { enabled = true, policy = "-50000", priority = ${priority} }` }) })),
  fc.stringMatching(/^[a-z]{4,12}$/).map((name) => ({ field: 'policies.audit_policy', block: (n: string) => policy(n, { policies: `{ channel_policy = "-304001002", settings = "-3040010", audit_policy = "${name}", authentication_policy = "-304002001" }` }) })),
  fc.stringMatching(/^[a-z]{3,10}$/).filter((s) => s !== 'all_users' && s !== 'no_user').map((allow) => ({ field: 'allow', block: (n: string) => `resource "sps_user_list" "${n}" {\n  name  = "${n}"\n  allow = "${allow}"\n}\n` })),
  fc.stringMatching(/^[a-z]{3,10}$/).filter((s) => !['config', 'logs', 'ip', 'sessions'].includes(s)).map((scope) => ({ field: 'scopes', block: (n: string) => `resource "sps_api_client" "${n}" {\n  name       = "${n}"\n  scopes     = ["${scope}"]\n  applies_to = { selection = "all" }\n}\n` })),
);

let ws: Workspace;
afterAll(() => ws?.cleanup());

it('names the field of every random mistake', async () => {
  const cases = fc.sample(mutations, 16);
  ws = makeWorkspace({ mode: 'dev_overrides', files: { 'provider.tf': `${PROVIDER_BLOCK}\nprovider "sps" {}\n`, 'main.tf': cases.map((c, i) => c.block(`case${i}`)).join('\n') } });
  const result = await tf(ws, ['validate', '-no-color']);
  expect(result.code).toBe(1);
  const output = (result.stdout + result.stderr).replace(/\s+/g, ' ');
  cases.forEach((c, i) => {
    // Each diagnostic names the resource ("with sps_….caseN,") and the field.
    const pattern = new RegExp(`Error: Invalid [^:]+: ${c.field.replace(/[.[\]]/g, '\\$&')}[^a-z_].{0,40}with sps_[a-z_]+\\.case${i},`);
    expect({ case: i, field: c.field, found: pattern.test(output) }).toEqual({ case: i, field: c.field, found: true });
  });
});
