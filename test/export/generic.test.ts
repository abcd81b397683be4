/**
 * sps-export --generic --format hcl (the built CLI) against the simulator filled with the export
 * fixture plus objects of kinds without a typed resource (an LDAP server with a bind password, a
 * content policy, the SSH options singleton), then the real terraform CLI: the round trip is the
 * proof. Every object imports with nothing to change, the apply writes nothing, a second export
 * writes the same file, and the secrets variable, once set, changes the bind password and nothing else.
 */
import { join } from 'node:path';
import { PATHS, SINGLETON_ENDPOINTS } from '../../src/model';
import { adminSession } from '../support/simulator';
import { makeWorkspace, tf, tfOk, type Workspace } from '../support/terraform';
import { addGenericObjects, fillAppliance, useExportSuite } from './fixture';
import { readExport, spsExport } from './spawn-export';
import { deadline } from '../support/wait';

jest.setTimeout(deadline(240_000));

const USER = 'exporter';
const PASSWORD = 'generic-Pa55word-not-in-files';
const suite = useExportSuite('generic', async (url, user, password) => ({ typed: await fillAppliance(url, user, password), generic: await addGenericObjects(url, user, password) }), { user: USER, password: PASSWORD });
let workspace: Workspace | undefined;
afterAll(() => workspace?.cleanup());

/** The fixture's objects of kinds without a typed resource: its 11 referenced objects, the LDAP server and content policy, the SSH options. */
const GENERIC_OBJECTS = 11 + 2 + 1;

it('writes sps_object for kinds without a typed resource, and terraform imports them all with nothing to change', async () => {
  const out = join(suite.scratch, 'hcl');
  const run = await spsExport(['--format', 'hcl', '--out', out, '--generic'], suite.env());
  expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
  const total = suite.fixture.typed.objects + GENERIC_OBJECTS;
  expect(run.stdout).toContain(`exported ${total} objects (`);
  expect(run.stdout).toMatch(/, 2 LDAP servers, .*1 content policy, 1 SSH options\) as HCL/);
  expect(run.stdout).toContain('1 field named like secrets not written: the *_secrets variables may give them');
  const { 'main.tf': mainTf } = readExport(out);
  for (const secret of [PASSWORD, suite.fixture.generic.bindPassword, ...suite.fixture.typed.clientSecrets]) {
    expect(mainTf).not.toContain(secret);
    expect(run.stdout + run.stderr).not.toContain(secret);
  }
  expect(mainTf.match(/^resource "sps_object" /gm)).toHaveLength(GENERIC_OBJECTS);
  expect(mainTf.match(/^import \{/gm)).toHaveLength(total);
  expect(mainTf).toContain(`  to = sps_object.ldap_server_branch_ldap\n  id = "${PATHS.ldapServers}/${suite.fixture.generic.ldapKey}"\n`);
  expect(mainTf).toContain(`  to = sps_object.ssh_options\n  id = "${SINGLETON_ENDPOINTS.sshOptions.path}"\n`);
  expect(mainTf).toContain('  sensitive_body = var.ldap_server_branch_ldap_secrets == null ? null : jsonencode(var.ldap_server_branch_ldap_secrets)\n');
  expect(mainTf).toContain('  type        = object({ bind_password = string })\n');
  // Typed resources reference the exported objects, no longer look them up.
  expect(mainTf).toContain('    ldap_server            = sps_object.ldap_server_corp_ldap.id\n');
  expect(mainTf).not.toContain('data "sps_ldap_server"');

  workspace = makeWorkspace({ files: { 'main.tf': mainTf }, env: suite.env() });
  await tfOk(workspace, ['fmt', '-check', '-diff']);
  await tfOk(workspace, ['init', '-input=false']);
  const plan = await tfOk(workspace, ['plan', '-input=false']);
  expect(plan.stdout).toContain(`Plan: ${total} to import, 0 to add, 0 to change, 0 to destroy.`);
  await tfOk(workspace, ['apply', '-auto-approve', '-input=false']);
  // Adopted without writing: the fixture's two commits only.
  expect(suite.simulator.commits().map((c) => c.message)).toEqual(['filled by test/export/fixture.ts', 'generic objects']);
  const second = await tf(workspace, ['plan', '-no-color', '-input=false', '-detailed-exitcode']);
  expect({ code: second.code, stdout: second.stdout }).toEqual({ code: 0, stdout: expect.stringContaining('No changes.') });

  // Export, adopt, export again: the same file.
  const again = await spsExport(['--format', 'hcl', '--out', join(suite.scratch, 'again'), '--generic'], suite.env());
  expect(again.code).toBe(0);
  expect(readExport(join(suite.scratch, 'again'))).toEqual({ 'main.tf': mainTf });
});

it('the secrets variable, once given, writes the bind password and keeps every other field', async () => {
  if (!workspace) throw new Error('the first test did not adopt the export');
  const admin = await adminSession(suite.simulator.url, USER, PASSWORD);
  const path = `${PATHS.ldapServers}/${suite.fixture.generic.ldapKey}`;
  const before = await admin.body(path);
  const env = { TF_VAR_ldap_server_branch_ldap_secrets: '{ bind_password = "rotated-Pa55" }' };
  const plan = await tfOk(workspace, ['plan', '-input=false'], 0, { env });
  expect(plan.stdout).toContain('Plan: 0 to add, 1 to change, 0 to destroy.');
  expect(plan.stdout).not.toContain('rotated-Pa55');
  await tfOk(workspace, ['apply', '-auto-approve', '-input=false'], 0, { env });
  expect(await admin.body(path)).toEqual({ ...before, bind_password: 'rotated-Pa55' });
});
