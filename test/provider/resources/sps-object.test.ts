/**
 * Acceptance test of sps_object with the real terraform CLI against the simulator: an LDAP server
 * (a kind without a typed resource) and the SSH options singleton, managed by the keys the
 * configuration sets while every other field survives; and the refusals of bad paths.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { adminSession } from '../../support/simulator';
import { tfOk } from '../../support/terraform';
import { stateAttribute, useAcceptance, workspace } from './acceptance';

const { simulator } = useAcceptance();

const LDAP_SERVERS = '/api/configuration/policies/ldap_servers';
const SSH_OPTIONS = '/api/configuration/ssh/options';
const BIND_PASSWORD = 'bind-s3cret-do-not-show';

function ldapConfig(baseDn: string, options: { secret?: boolean } = {}): string {
  const secret = options.secret === false ? '' : `  sensitive_body = jsonencode({ bind_password = "${BIND_PASSWORD}" })\n`;
  return `resource "sps_object" "ldap" {
  path = "${LDAP_SERVERS}"
  # Written by hand, in another key order and spacing than jsonencode: no diff may come of it.
  body = <<-EOT
    {
      "servers": [ { "port": 389, "host": { "value": "ldap.example.com", "selection": "fqdn" } } ],
      "name": "corp_ldap",
      "user_base_dn": "${baseDn}",
      "schema": { "selection": "ad" }
    }
  EOT
${secret}}
`;
}

interface Diagnostic {
  severity: string;
  summary: string;
  detail: string;
}

/** `terraform validate -json`'s diagnostics (the configurations here all have errors). */
async function validateJson(files: Record<string, string>): Promise<Diagnostic[]> {
  const ws = await workspace(files);
  const result = await tfOk(ws, ['validate', '-json'], 1);
  return JSON.parse(result.stdout).diagnostics as Diagnostic[];
}

describe('sps_object', () => {
  it('manages an LDAP server by the keys it sets: create → import → update → no-op → drift → hand changes kept → lost update refused → destroy', async () => {
    const admin = await adminSession(simulator().url);
    const ws = await workspace({ 'main.tf': ldapConfig('ou=people,dc=example,dc=com') });

    // create: body and sensitive_body reach the appliance as one object; the secret never shows
    const created = await tfOk(ws, ['apply', '-auto-approve']);
    expect(created.stdout).toMatch(/1 added/);
    expect(created.stdout + created.stderr).not.toContain(BIND_PASSWORD);
    const key = await stateAttribute(ws, 'sps_object.ldap', 'id');
    expect(await admin.body(`${LDAP_SERVERS}/${key}`)).toEqual({
      name: 'corp_ldap',
      schema: { selection: 'ad' },
      servers: [{ host: { selection: 'fqdn', value: 'ldap.example.com' }, port: 389 }],
      user_base_dn: 'ou=people,dc=example,dc=com',
      bind_password: BIND_PASSWORD,
    });
    expect((await tfOk(ws, ['plan', '-detailed-exitcode'], 0)).stdout).toMatch(/No changes/);

    // import by path/key: a fresh state adopts the object with no change (the import reads every field, the plan compares only those body sets)
    const importer = await workspace({ 'main.tf': ldapConfig('ou=people,dc=example,dc=com', { secret: false }) });
    await tfOk(importer, ['import', 'sps_object.ldap', `${LDAP_SERVERS}/${key}`]);
    expect((await tfOk(importer, ['plan', '-detailed-exitcode'], 0)).stdout).toMatch(/No changes/);

    // or with -generate-config-out, which writes the whole body as jsonencode
    const generator = await workspace({ 'import.tf': `import {\n  to = sps_object.adopted\n  id = "${LDAP_SERVERS}/${key}"\n}\n` });
    await tfOk(generator, ['plan', '-generate-config-out=generated.tf']);
    const generated = readFileSync(join(generator.dir, 'generated.tf'), 'utf8');
    expect(generated).toMatch(/path\s+= "\/api\/configuration\/policies\/ldap_servers"/);
    expect(generated).toMatch(/body\s+= jsonencode\(\{[\s\S]*user_base_dn\s+= "ou=people,dc=example,dc=com"/);
    expect((await tfOk(generator, ['plan'])).stdout).toMatch(/1 to import, 0 to add, 0 to change, 0 to destroy/);

    // a field set by hand that the configuration does not manage: not shown, and kept by the next update
    await admin.commitChange('PUT', `${LDAP_SERVERS}/${key}`, { ...(await admin.body(`${LDAP_SERVERS}/${key}`)), group_base_dn: 'ou=groups,dc=example,dc=com' });
    expect((await tfOk(ws, ['plan', '-detailed-exitcode'], 0)).stdout).toMatch(/No changes/);
    ws.write({ 'main.tf': ldapConfig('ou=staff,dc=example,dc=com') });
    expect((await tfOk(ws, ['apply', '-auto-approve'])).stdout).toMatch(/0 added, 1 changed, 0 destroyed/);
    expect(await admin.body(`${LDAP_SERVERS}/${key}`)).toMatchObject({ user_base_dn: 'ou=staff,dc=example,dc=com', group_base_dn: 'ou=groups,dc=example,dc=com', bind_password: BIND_PASSWORD });
    expect((await tfOk(ws, ['plan', '-detailed-exitcode'], 0)).stdout).toMatch(/No changes/);

    // drift on a managed key shows in the plan
    await admin.commitChange('PUT', `${LDAP_SERVERS}/${key}`, { ...(await admin.body(`${LDAP_SERVERS}/${key}`)), user_base_dn: 'ou=by-hand,dc=example,dc=com' });
    const drift = await tfOk(ws, ['plan', '-detailed-exitcode'], 2);
    expect(drift.stdout).toMatch(/user_base_dn\s+= "ou=by-hand,dc=example,dc=com" -> "ou=staff,dc=example,dc=com"/);
    expect(drift.stdout).not.toMatch(/group_base_dn/);

    // a change made between plan and apply to a managed key is not overwritten
    await tfOk(ws, ['plan', '-out=tfplan']);
    await admin.commitChange('PUT', `${LDAP_SERVERS}/${key}`, { ...(await admin.body(`${LDAP_SERVERS}/${key}`)), user_base_dn: 'ou=second-hand,dc=example,dc=com' });
    const refused = await tfOk(ws, ['apply', 'tfplan'], 1);
    const message = refused.stderr.replace(/\s+/g, ' ');
    expect(message).toMatch(/modified on the appliance after the plan was made/);
    expect(message).toMatch(/user_base_dn: planned from "ou=by-hand,dc=example,dc=com", now "ou=second-hand,dc=example,dc=com"/);
    expect((await admin.body(`${LDAP_SERVERS}/${key}`)).user_base_dn).toBe('ou=second-hand,dc=example,dc=com');

    // destroy deletes it
    await tfOk(ws, ['destroy', '-auto-approve']);
    expect(await admin.body(`${LDAP_SERVERS}/${key}`)).toBeUndefined();
  });

  it('manages the SSH options singleton without losing the fields it does not set; destroy forgets it; import by path', async () => {
    const admin = await adminSession(simulator().url);
    const defaults = await admin.body(SSH_OPTIONS);
    expect(defaults).toMatchObject({ service: { enabled: true, log_level: 4 }, gssapi: { enabled: false } });
    const config = (level: number) => `resource "sps_object" "ssh_options" {
  path      = "${SSH_OPTIONS}"
  singleton = true
  body      = jsonencode({ service = { log_level = ${level} } })
}
`;
    const ws = await workspace({ 'main.tf': config(6) });
    await tfOk(ws, ['apply', '-auto-approve']);
    expect(await stateAttribute(ws, 'sps_object.ssh_options', 'id')).toBe(SSH_OPTIONS);
    expect(await admin.body(SSH_OPTIONS)).toEqual({ ...defaults, service: { enabled: true, log_level: 6 } });
    expect((await tfOk(ws, ['plan', '-detailed-exitcode'], 0)).stdout).toMatch(/No changes/);

    // by hand: an unmanaged field (not shown, kept), and the managed one (drift)
    await admin.commitChange('PUT', SSH_OPTIONS, { ...(await admin.body(SSH_OPTIONS)), gssapi: { enabled: true } });
    expect((await tfOk(ws, ['plan', '-detailed-exitcode'], 0)).stdout).toMatch(/No changes/);
    await admin.commitChange('PUT', SSH_OPTIONS, { ...(await admin.body(SSH_OPTIONS)), service: { enabled: true, log_level: 3 } });
    const drift = await tfOk(ws, ['plan', '-detailed-exitcode'], 2);
    expect(drift.stdout).toMatch(/log_level\s+= 3 -> 6/);

    ws.write({ 'main.tf': config(7) });
    await tfOk(ws, ['apply', '-auto-approve']);
    const applied = { ...defaults, gssapi: { enabled: true }, service: { enabled: true, log_level: 7 } };
    expect(await admin.body(SSH_OPTIONS)).toEqual(applied);

    // destroy only forgets: the appliance keeps what was written
    const destroyed = await tfOk(ws, ['destroy', '-auto-approve']);
    expect(destroyed.stdout).toMatch(/1 destroyed/);
    expect(await admin.body(SSH_OPTIONS)).toEqual(applied);

    // import by path
    const importer = await workspace({ 'main.tf': config(7) });
    await tfOk(importer, ['import', 'sps_object.ssh_options', SSH_OPTIONS]);
    expect((await tfOk(importer, ['plan', '-detailed-exitcode'], 0)).stdout).toMatch(/No changes/);
  });

  it('refuses paths outside the configuration API and tricks at validate, naming the attribute and the value', async () => {
    const bad = [
      '/api/transaction',
      '/api/configuration/../transaction',
      '/api/configuration/policies/ldap_servers?x=1',
      '/api/configuration/%2e%2e/transaction',
      '/api/configuration/policies/ldap_servers/',
      'https://sps.example.com/api/configuration/policies/ldap_servers',
    ];
    const diagnostics = await validateJson({
      'main.tf': bad.map((path, i) => `resource "sps_object" "bad${i}" {\n  path = ${JSON.stringify(path)}\n  body = jsonencode({ name = "x" })\n}\n`).join('\n'),
    });
    const errors = diagnostics.filter((d) => d.severity === 'error');
    expect(errors).toHaveLength(bad.length);
    for (const path of bad) expect(errors.some((d) => d.summary === 'Invalid sps_object path' && d.detail.includes(`path ${JSON.stringify(path)}`))).toBe(true);
    expect(errors.find((d) => d.detail.includes('"/api/transaction"'))?.detail).toMatch(/must start with "\/api\/configuration\/"/);
    expect(errors.find((d) => d.detail.includes('..'))?.detail).toMatch(/must not contain "\." or "\.\." segments/);
  });

  it('warns about a typed collection, refuses documents that are not JSON objects without quoting secrets; at plan and import, says what a mistaken path is', async () => {
    const diagnostics = await validateJson({
      'main.tf': `resource "sps_object" "typed" {
  path = "/api/configuration/policies/userlists"
  body = jsonencode({ name = "ops" })
}
resource "sps_object" "list" {
  path = "${LDAP_SERVERS}"
  body = jsonencode(["name"])
}
resource "sps_object" "secret" {
  path           = "${LDAP_SERVERS}"
  body           = jsonencode({ name = "x" })
  sensitive_body = "{\\"bind_password\\": ${BIND_PASSWORD}}"
}
resource "sps_object" "twice" {
  path           = "${LDAP_SERVERS}"
  body           = jsonencode({ name = "x", bind = { dn = "cn=sps" } })
  sensitive_body = jsonencode({ bind = { dn = "cn=other", password = "${BIND_PASSWORD}" } })
}
`,
    });
    expect(diagnostics.find((d) => d.severity === 'warning')?.summary).toBe('Use sps_user_list for /api/configuration/policies/userlists');
    expect(diagnostics.find((d) => d.summary === 'Invalid sps_object body')?.detail).toMatch(/body must be a JSON object .*not an array/);
    const secret = diagnostics.find((d) => d.summary === 'Invalid sps_object sensitive_body');
    expect(secret?.detail).toMatch(/sensitive_body is not valid JSON/);
    expect(diagnostics.find((d) => d.summary === 'Field set twice in sps_object')?.detail).toBe(
      'body and sensitive_body both set "bind.dn": set each field in one of them (secrets in sensitive_body).',
    );
    // Terraform quotes the configuration's line itself; the provider's own texts never hold the secret.
    expect(JSON.stringify(diagnostics.map((d) => [d.summary, d.detail]))).not.toContain(BIND_PASSWORD);

    // at plan, the appliance says what the path is
    const mistaken = await workspace({
      'main.tf': `resource "sps_object" "typo" {
  path = "/api/configuration/policies/ldap_serverz"
  body = jsonencode({ name = "x" })
}
resource "sps_object" "not_one_object" {
  path      = "${LDAP_SERVERS}"
  singleton = true
  body      = jsonencode({ name = "x" })
}
resource "sps_object" "not_a_collection" {
  path = "${SSH_OPTIONS}"
  body = jsonencode({ service = { log_level = 5 } })
}
`,
    });
    const plan = (await tfOk(mistaken, ['plan'], 1)).stderr.replace(/\s+/g, ' ');
    expect(plan).toMatch(/path "\/api\/configuration\/policies\/ldap_serverz" does not exist on the appliance \(404\)/);
    expect(plan).toMatch(/path "\/api\/configuration\/policies\/ldap_servers" is a collection on the appliance, not one object: remove singleton = true/);
    expect(plan).toMatch(/path "\/api\/configuration\/ssh\/options" is one object on the appliance, not a collection: set singleton = true/);

    // import IDs: <path>/<key>, or a singleton's path
    const importer = await workspace({ 'main.tf': `resource "sps_object" "ldap" {\n  path = "${LDAP_SERVERS}"\n  body = jsonencode({ name = "x" })\n}\n` });
    const withoutKey = await tfOk(importer, ['import', 'sps_object.ldap', LDAP_SERVERS], 1);
    expect(withoutKey.stderr.replace(/\s+/g, ' ')).toMatch(/is a collection on the appliance: import one of its objects as \/api\/configuration\/policies\/ldap_servers\/<key>/);
    const outside = await tfOk(importer, ['import', 'sps_object.ldap', '/api/configuration/../transaction/20088200245706af301b1ba'], 1);
    expect(outside.stderr.replace(/\s+/g, ' ')).toMatch(/Invalid import ID for sps_object.*must not contain "\." or "\.\." segments.*The import ID is <path>\/<key>/);
  });
});
