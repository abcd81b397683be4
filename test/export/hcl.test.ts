/**
 * sps-export --format hcl against the simulator filled with a varied configuration, then the real
 * terraform CLI: every object to import and nothing else, an empty plan after apply, and the
 * same files from a second export.
 */
import { join } from 'node:path';
import { hclString } from '../../src/export/hcl-format';
import { makeWorkspace, tf, tfOk, type Workspace } from '../support/terraform';
import { addTimePolicies, fillAppliance, useExportSuite } from './fixture';
import { readExport, spsExport } from './spawn-export';
import { deadline } from '../support/wait';

jest.setTimeout(deadline(180_000));

const USER = 'exporter';
const PASSWORD = 'Tr0ub4dor&3-not-in-files';
const suite = useExportSuite('hcl', fillAppliance, { user: USER, password: PASSWORD });
const { scratch, env } = suite;
const workspaces: Workspace[] = [];
afterAll(() => {
  for (const workspace of workspaces) workspace.cleanup();
});

function workspaceWith(mainTf: string): Workspace {
  const workspace = makeWorkspace({ files: { 'main.tf': mainTf }, env: env() });
  workspaces.push(workspace);
  return workspace;
}

it('exports every object once, with references as lookups, within the request budget, and terraform adopts them', async () => {
  suite.simulator.resetCounters();
  const out = join(scratch, 'first');
  const run = await spsExport(['--format', 'hcl', '--out', out], env());
  expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
  expect(run.stdout).toMatch(/exported 17 objects \(5 user lists, 5 HTTP connection policies, 2 API clients, 1 SSH connection policy, 1 RDP connection policy, 1 HTTP channel policy, 1 SSH channel policy, 1 RDP channel policy\) as HCL/);
  expect(run.stdout).toMatch(/22 referenced objects looked up by name; 0 references written as keys/);

  // Budget: one login, one list per kind, one GET per object read (17 exported + 22 referenced), one logout.
  const counters = suite.simulator.counters();
  expect(counters.logins).toBe(1);
  expect(counters.totalRequests).toBe(39 + 9 + 2);
  expect(run.stdout).toMatch(/read 39 objects from 9 collections in 50 requests/);
  expect(Object.keys(counters.requests).filter((name) => !name.startsWith('GET ')).sort()).toEqual(['DELETE /api/authentication']);

  const { 'main.tf': mainTf, ...others } = readExport(out);
  expect(Object.keys(others)).toEqual([]);
  // Nothing secret: not the password, not a client secret, no session cookie.
  for (const secret of [PASSWORD, ...suite.fixture.clientSecrets, 'session_id']) {
    expect(mainTf).not.toContain(secret);
    expect(run.stdout + run.stderr).not.toContain(secret);
  }
  expect(mainTf).toMatch(/^provider "sps" \{\}$/m);
  expect(mainTf).not.toMatch(/^\s*(password|username|client_secret|client_id)\s*=/m);
  // One resource and one import block per object, built-ins skipped.
  expect(mainTf.match(/^resource "/gm)).toHaveLength(suite.fixture.objects);
  expect(mainTf.match(/^import \{/gm)).toHaveLength(suite.fixture.objects);
  for (const name of [...suite.fixture.names.userLists, ...suite.fixture.names.policies, ...suite.fixture.names.apiClients]) {
    expect(mainTf).toContain(`= ${hclString(name)}\n`);
  }
  expect(mainTf).not.toMatch(/"no_root"|"root_only"|"all_users" \{/);
  // Colliding names get key suffixes; template characters are escaped.
  expect(mainTf).toMatch(/resource "sps_user_list" "team_ops_[0-9a-f]{6}" \{\n {2}name {3}= "team-ops"/);
  expect(mainTf).toMatch(/resource "sps_user_list" "team_ops_[0-9a-f]{6}" \{\n {2}name {3}= "Team Ops"/);
  expect(mainTf).toContain('name   = "2024 \\"audit\\" $${var.x} %%{if}"');
  // References to built-in and custom policies, groups and certificates: data-source lookups by name.
  expect(mainTf).toMatch(/data "sps_http_channel_policy" "default" \{\n {2}name = "default"\n\}/);
  // Channel policies are managed now: exported as resources, referenced as such; group names that are exported user lists' are their names, time policies are lookups.
  expect(mainTf).toMatch(/resource "sps_http_channel_policy" "strict_channel" \{\n {2}name = "strict-channel"\n/);
  expect(mainTf).toContain('channel_policy         = sps_http_channel_policy.strict_channel.id');
  expect(mainTf).toMatch(/data "sps_time_policy" "n_7x24" \{\n {2}name = "7x24"\n\}/);
  expect(mainTf).toContain('      time_policy = data.sps_time_policy.n_7x24.id\n');
  // A group name that is an exported user list's is written as that list's name (the dependency for Terraform); others stay text.
  expect(mainTf).toMatch(/\n {8}gateway_groups = \[sps_user_list\.team_ops_[0-9a-f]{6}\.name\]\n/);
  expect(mainTf).toContain('        remote_groups  = ["web-admins"]\n');
  expect(mainTf).toContain('      execs  = ["rsync .*"]\n');
  expect(mainTf).toContain('      customs = ["rail", "rail_ri"]\n');
  expect(mainTf).toContain('archive_cleanup_policy = data.sps_archive_cleanup_policy.archive_90_days.id');
  expect(mainTf).toContain('groups    = [data.sps_local_group.siem_operators.id, data.sps_local_group.auditors.id]');
  expect(mainTf).toContain('x509_identity = data.sps_x509_identity.portal_cert.id');
  expect(mainTf).toContain('trusted_ca = data.sps_trusted_ca_list.corp_roots.id');
  expect(mainTf).toContain('custom_dns = "10.0.0.54"');
  // SSH and RDP connection policies reference their protocols' built-ins by name.
  expect(mainTf).toMatch(/data "sps_ssh_authentication_policy" "default" \{\n {2}name = "default"\n\}/);
  expect(mainTf).toContain('settings       = data.sps_rdp_settings_policy.default.id');
  // API clients: the secret cannot be exported, and rotation is explained.
  expect(mainTf.match(/secret only once, when the client is created/g)).toHaveLength(2);
  expect(mainTf).toContain('keepers = { rotation = "1" }');

  const workspace = workspaceWith(mainTf);
  await tfOk(workspace, ['fmt', '-check', '-diff']);
  await tfOk(workspace, ['init', '-input=false']);
  const plan = await tfOk(workspace, ['plan', '-input=false']);
  expect(plan.stdout).toContain(`Plan: ${suite.fixture.objects} to import, 0 to add, 0 to change, 0 to destroy.`);
  const apply = await tfOk(workspace, ['apply', '-auto-approve', '-input=false']);
  expect(apply.stdout).toContain(`Apply complete! Resources: ${suite.fixture.objects} imported, 0 added, 0 changed, 0 destroyed.`);
  expect(suite.simulator.commits().map((c) => c.message)).toEqual(['filled by test/export/fixture.ts']);
  const second = await tf(workspace, ['plan', '-no-color', '-input=false', '-detailed-exitcode']);
  expect({ code: second.code, stdout: second.stdout }).toEqual({ code: 0, stdout: expect.stringContaining('No changes.') });

  // Export, adopt, export again: the same file.
  const again = await spsExport(['--format', 'hcl', '--out', join(scratch, 'second')], env());
  expect(again.code).toBe(0);
  expect(readExport(join(scratch, 'second'))).toEqual({ 'main.tf': mainTf });
});

it('--select exports a subset, and terraform adopts exactly that subset', async () => {
  const out = join(scratch, 'select');
  const run = await spsExport(['--format', 'hcl', '--out', out, '--select', 'user_list=team-*', '--select', 'api_client=si?m'], env());
  expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
  expect(run.stdout).toMatch(/exported 2 objects \(1 user list, 1 API client\)/);
  const { 'main.tf': mainTf } = readExport(out);
  expect(mainTf).toContain('Exported with --select user_list=team-* api_client=si?m');
  expect(mainTf).toMatch(/resource "sps_user_list" "team_ops" \{\n {2}name {3}= "team-ops"/);
  expect(mainTf).not.toContain('"Team Ops"');
  expect(mainTf).not.toContain('sps_http_connection_policy');
  expect(mainTf).toMatch(/resource "sps_api_client" "siem"/);
  expect(mainTf).not.toContain('backup-bot');
  // Only what the subset references is looked up.
  expect(mainTf.match(/^data "/gm)).toHaveLength(2);

  const workspace = workspaceWith(mainTf);
  await tfOk(workspace, ['init', '-input=false']);
  const plan = await tfOk(workspace, ['plan', '-input=false']);
  expect(plan.stdout).toContain('Plan: 2 to import, 0 to add, 0 to change, 0 to destroy.');
});

it('exports time policies (lists of intervals, escaped names), and terraform adopts them with nothing to change', async () => {
  const names = await addTimePolicies(suite.simulator.url, USER, PASSWORD);
  const out = join(scratch, 'time-policies');
  const run = await spsExport(['--format', 'hcl', '--out', out, '--select', 'time_policy=*'], env());
  expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
  expect(run.stdout).toMatch(/exported 2 objects \(2 time policies\) as HCL/);
  const { 'main.tf': mainTf } = readExport(out);
  expect(mainTf).toContain(
    [
      'resource "sps_time_policy" "work_hours" {',
      `  name = ${hclString(names[0])}`,
      '  mon  = [["8:00", "12:00"], ["13:00", "17:30"]]',
      '  tue  = [["8:00", "12:00"], ["13:00", "17:30"]]',
      '  wed  = [["8:00", "12:00"], ["13:00", "17:30"]]',
      '  thu  = [["8:00", "12:00"], ["13:00", "17:30"]]',
      '  fri  = [["8:00", "12:00"], ["13:00", "17:30"]]',
      '  sat  = [["9:00", "13:00"]]',
      '  sun  = []',
      '}',
    ].join('\n'),
  );
  expect(mainTf).toMatch(/resource "sps_time_policy" "nights_var_x_if" \{\n {2}name = "nights-\$\$\{var\.x\}-%%\{if\}"\n/);
  expect(mainTf).toContain('  sun  = [["0:00", "6:00"], ["22:00", "23:59"]]');
  expect(mainTf.match(/^import \{\n {2}to = sps_time_policy\.\w+\n/gm)).toHaveLength(2);

  const workspace = workspaceWith(mainTf);
  await tfOk(workspace, ['fmt', '-check', '-diff']);
  await tfOk(workspace, ['init', '-input=false']);
  const plan = await tfOk(workspace, ['plan', '-input=false']);
  expect(plan.stdout).toContain('Plan: 2 to import, 0 to add, 0 to change, 0 to destroy.');
  const apply = await tfOk(workspace, ['apply', '-auto-approve', '-input=false']);
  expect(apply.stdout).toContain('Apply complete! Resources: 2 imported, 0 added, 0 changed, 0 destroyed.');
  expect(suite.simulator.commits().map((c) => c.message)).toEqual(['filled by test/export/fixture.ts', 'time policies']);
  const second = await tf(workspace, ['plan', '-no-color', '-input=false', '-detailed-exitcode']);
  expect({ code: second.code, stdout: second.stdout }).toEqual({ code: 0, stdout: expect.stringContaining('No changes.') });
});
