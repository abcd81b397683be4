/**
 * SpsObject, the construct of sps_object: props checked at synth, the body synthesized as
 * jsonencode (tokens included), and what it synthesizes is what the real provider applies, every
 * string of the body exactly as written.
 */
import { Testing, TerraformOutput, TerraformStack } from 'cdktf';
import { SpsObject, SpsProvider, TimePolicy, ValidationError } from '../../src/constructs';
import type { SimulatorHandle } from '../../src/simulator';
import { adminSession, startTestSimulator } from '../support/simulator';
import { makeWorkspace, tfOk } from '../support/terraform';
import { deadline } from '../support/wait';

const stack = () => new TerraformStack(Testing.app(), 'app');
const loose = <T>(props: Record<string, unknown>) => props as unknown as T;

describe('SpsObject at synth', () => {
  it('synthesizes the body and the secrets as jsonencode, with references as Terraform expressions', () => {
    const scope = stack();
    const always = TimePolicy.fromName(scope, 'always', '7x24');
    new SpsObject(scope, 'ldap', {
      path: '/api/configuration/policies/ldap_servers',
      body: { name: 'corp_ldap', servers: [{ host: { selection: 'fqdn', value: 'ldap.example.com' }, port: 389 }], note: always.timePolicyKey },
      sensitiveBody: { bind_password: 'secret' },
    });
    new SpsObject(scope, 'options', { path: '/api/configuration/ssh/options', singleton: true, body: { service: { log_level: 6 } } });
    const resources = JSON.parse(Testing.synth(scope)).resource.sps_object;
    expect(Object.values(resources)[0]).toEqual({
      path: '/api/configuration/policies/ldap_servers',
      body: '${jsonencode({"name" = "corp_ldap", "servers" = [{"host" = {"selection" = "fqdn", "value" = "ldap.example.com"}, "port" = 389}], "note" = data.sps_time_policy.always.id})}',
      sensitive_body: '${jsonencode({"bind_password" = "secret"})}',
    });
    expect(Object.values(resources)[1]).toEqual({ path: '/api/configuration/ssh/options', singleton: true, body: '${jsonencode({"service" = {"log_level" = 6}})}' });
  });

  it('refuses a path outside the configuration API, a body that is not an object and unknown props, with the construct path', () => {
    const attempt = (props: Record<string, unknown>) => () => new SpsObject(stack(), 'x', loose(props));
    expect(attempt({ path: '/api/transaction', body: {} })).toThrow(ValidationError);
    expect(attempt({ path: '/api/transaction', body: {} })).toThrow('app/x: invalid SpsObject: path "/api/transaction" is outside the configuration API: it must start with "/api/configuration/"');
    expect(attempt({ path: '/api/configuration/../transaction', body: {} })).toThrow(/must not contain "\." or "\.\." segments/);
    expect(attempt({ path: '/api/configuration/ssh/options', body: ['x'] })).toThrow('app/x: invalid SpsObject: `body` must be an object (it is sent as JSON), got an array');
    expect(attempt({ path: '/api/configuration/ssh/options', body: {}, singelton: true })).toThrow(/unknown property `singelton` \(did you mean `singleton`\?\)/);
    const scope = stack();
    const always = TimePolicy.fromName(scope, 'always', '7x24');
    expect(() => new SpsObject(scope, 'x', { path: '/api/configuration/ssh/options', body: { a: [{ [always.timePolicyKey]: 1 }] } })).toThrow(
      /^app\/x: invalid SpsObject: `body` key "a\[0\]\.\$\{TfToken\[TOKEN\.\d+\]\}" holds a token \(e\.g\. another object's key\): keys must be plain text$/,
    );
  });
});

describe('SpsObject with the real provider', () => {
  jest.setTimeout(deadline(180_000));
  let simulator: SimulatorHandle;
  const workspaces: Array<{ cleanup(): void }> = [];
  beforeAll(async () => {
    simulator = await startTestSimulator();
  });
  afterAll(async () => {
    for (const ws of workspaces) ws.cleanup();
    await simulator.close();
  });

  it('applies what it synthesizes: an LDAP server with its secret, the SSH options without losing their other fields, every string exactly as written; a second plan is clean', async () => {
    const scope = stack();
    new SpsProvider(scope, 'sps');
    const ldap = new SpsObject(scope, 'ldap', {
      path: '/api/configuration/policies/ldap_servers',
      body: { name: 'corp_ldap', user_base_dn: 'ou=people,dc=example,dc=com' },
      sensitiveBody: { bind_password: 'bind-secret' },
    });
    new SpsObject(scope, 'options', { path: '/api/configuration/ssh/options', singleton: true, body: { service: { log_level: 6 } } });
    // Text Terraform would read as syntax if written as it is, and references inside text.
    const text = (ref: string) => ({
      name: 'escaped',
      description: 'say "hi" \\ C:\\dir\ttab\nline %{if} ${var.x} $${y} é ✓ 😀 \u0001',
      quoted: '"whole"',
      'key with "quote"\t': ['"', null, { '${k}': '%{ }' }],
      ref,
      around: `$${ref} costs $ "${ref}"`,
    });
    const escaped = new SpsObject(scope, 'escaped', { path: '/api/configuration/policies/ldap_servers', body: text(ldap.objectKey) });
    new TerraformOutput(scope, 'key', { value: ldap.objectKey });
    new TerraformOutput(scope, 'escaped_key', { value: escaped.objectKey });
    const ws = makeWorkspace({ files: { 'main.tf.json': Testing.synth(scope) }, env: { SPS_URL: simulator.url, SPS_USERNAME: 'admin', SPS_PASSWORD: 'admin' } });
    workspaces.push(ws);
    await tfOk(ws, ['init', '-input=false']);
    await tfOk(ws, ['apply', '-auto-approve', '-input=false']);
    const outputs = JSON.parse((await tfOk(ws, ['output', '-json'])).stdout);
    const key = outputs.key.value;
    const admin = await adminSession(simulator.url);
    expect(await admin.body(`/api/configuration/policies/ldap_servers/${key}`)).toEqual({ name: 'corp_ldap', user_base_dn: 'ou=people,dc=example,dc=com', bind_password: 'bind-secret' });
    expect(await admin.body('/api/configuration/ssh/options')).toMatchObject({ service: { enabled: true, log_level: 6 }, gssapi: { enabled: false } });
    expect(await admin.body(`/api/configuration/policies/ldap_servers/${outputs.escaped_key.value}`)).toEqual(text(key));
    await tfOk(ws, ['plan', '-detailed-exitcode', '-input=false'], 0);
  });
});
