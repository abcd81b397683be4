/**
 * sps-export --format cdktf, run the way users run it: the exported app in a directory outside
 * this repository, with the package installed from `npm pack`, the provider from
 * `npx sps-install-provider`, and the real cdktf CLI: every object to import, an adopting deploy,
 * a clean diff, and the same files from a second export.
 */
import { cpSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PATHS } from '../../src/model';
import { bash, packPackage } from '../package/user-repo';
import { isolatedUserEnvironment } from '../support/user-environment';
import { addGenericObjects, addTimePolicies, fillAppliance, useExportSuite } from './fixture';
import { readExport, spsExport } from './spawn-export';
import { deadline } from '../support/wait';

// Each test installs a package, synthesizes a TypeScript app and runs terraform through cdktf twice.
jest.setTimeout(deadline(600_000));

const USER = 'exporter';
const PASSWORD = 'c0rrect-h0rse-not-in-files';
const suite = useExportSuite('cdktf', fillAppliance, { user: USER, password: PASSWORD });
const { scratch } = suite;
const SETUP = 'npx sps-install-provider --quiet >/dev/null\nexport TF_CLI_CONFIG_FILE="$PWD/.sps-provider/terraformrc"\n';

let tarball: string | undefined;
/**
 * The user's project `name`: the export, and the package from its tarball (packed once) instead
 * of the registry, with a home of its own.
 */
async function userProject(exported: string, name: string): Promise<{ project: string; env: Record<string, string | undefined> }> {
  const project = join(scratch, name);
  const home = join(scratch, `${name}-home`);
  mkdirSync(home);
  cpSync(exported, project, { recursive: true });
  tarball ??= packPackage(scratch);
  const env = isolatedUserEnvironment(home, suite.env());
  const install = await bash(`npm install --no-audit --no-fund --prefer-offline ${tarball}`, project, env);
  expect({ code: install.code, output: install.code === 0 ? '' : install.output }).toEqual({ code: 0, output: '' });
  return { project, env };
}

/**
 * `cdktf deploy` adopts the app's objects, judged by its outcome rather than by lines of its
 * streamed output (which a busy machine may interleave or cut): the deploy exits 0, the stack's
 * state holds exactly the imported resources (every one of `importIds`, by its import ID), and a
 * plan of the synthesized stack afterwards has nothing to do (exit code 0 of -detailed-exitcode).
 */
async function expectAdopted(project: string, env: Record<string, string | undefined>, importIds: readonly string[]): Promise<void> {
  // The app was synthesized by the diff just before: the deploy applies that (as a pipeline that keeps cdktf.out would).
  const deploy = await bash(`${SETUP}npx cdktf deploy --skip-synth --auto-approve`, project, env);
  expect({ code: deploy.code, output: deploy.code === 0 ? '' : deploy.output }).toEqual({ code: 0, output: '' });
  const state = JSON.parse(readFileSync(join(project, 'terraform.appliance.tfstate'), 'utf8')) as { resources: Array<{ mode: string; type: string; instances: Array<{ attributes: { id: string; path?: string } }> }> };
  const managed = state.resources.filter((resource) => resource.mode === 'managed');
  // sps_object is imported by path/key (a singleton by its path); its id is the key (the path).
  const adopted = managed.flatMap((resource) => resource.instances.map(({ attributes: { id, path } }) => (resource.type === 'sps_object' && id !== path ? `${path}/${id}` : id)));
  expect(adopted.sort()).toEqual([...importIds].sort());
  const plan = await bash(`${SETUP}cd cdktf.out/stacks/appliance\nterraform plan -detailed-exitcode -input=false -no-color`, project, env);
  expect({ code: plan.code, output: plan.code === 0 ? '' : plan.output }).toEqual({ code: 0, output: '' });
}

/** The import IDs an exported main.ts adopts, from its importFrom calls. */
function importIdsOf(main: string): string[] {
  return [...main.matchAll(/\.resource\.importFrom\('([^']+)'\);/g)].map((match) => match[1]);
}

it('writes a CDKTF app that cdktf diff shows as N to import, cdktf deploy adopts, and a second export reproduces', async () => {
  const exported = join(scratch, 'export');
  const run = await spsExport(['--format', 'cdktf', '--out', exported], suite.env());
  expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
  expect(run.stdout).toMatch(/exported 17 objects .* as a CDKTF app/);
  const files = readExport(exported);
  expect(Object.keys(files).sort()).toEqual(['.gitignore', 'cdktf.json', 'main.ts', 'package.json', 'tsconfig.json']);
  for (const secret of [PASSWORD, ...suite.fixture.clientSecrets, 'session_id']) {
    for (const text of [...Object.values(files), run.stdout, run.stderr]) expect(text).not.toContain(secret);
  }
  const main = files['main.ts'];
  expect(JSON.parse(files['cdktf.json']).app).toBe('npx tsc --noEmit && npx tsx main.ts');
  expect(main).toMatch(/from 'sps-iac';/);
  expect(main.match(/\.resource\.importFrom\('[0-9a-f]+'\);/g)).toHaveLength(suite.fixture.objects);
  // The hand-written constructs and lookups, and the same reference rules as HCL.
  expect(main).toContain("ServerAddress.inband({");
  expect(main).toContain("ServerAddress.nat('192.168.10.0/24')");
  expect(main).toContain('ServerAddress.original()');
  expect(main).toContain("ServerAddress.fixed('app.example.com', 8443)");
  expect(main).toContain("ServerAddress.fixed('rds.example.com', 3389)");
  expect(main).toContain('channelDatabaseCleanupDays: 180');
  expect(main).toContain('new SshConnectionPolicy(');
  expect(main).toContain('TransportSecurity.clientOnly(HostCertificate.generated(signingCaInternalCa))');
  expect(main).toContain("const httpChannelPolicyStrictChannel = new HttpChannelPolicy(this, 'httpChannelPolicyStrictChannel', {");
  expect(main).toContain('channelPolicy: httpChannelPolicyStrictChannel,');
  expect(main).toContain("const timePolicyN_7x24 = TimePolicy.fromName(this, 'timePolicyN_7x24', '7x24');");
  expect(main).toContain("channel: 'customs',");
  expect(main).toContain("const ldapServerCorpLdap = LdapServer.fromName(this, 'ldapServerCorpLdap', 'corp-ldap');");
  expect(main).toContain('appliesTo: AppliesTo.groups([localGroupSiemOperators, localGroupAuditors])');
  expect(main).toContain("addOverride('server_address.custom_dns', '10.0.0.54')");
  expect(main).toContain("name: '2024 \"audit\" $${var.x} %%{if}'");
  expect(main.match(/add rotation: '1'/g)).toHaveLength(2);

  const { project, env } = await userProject(exported, 'my-sps-config');
  const diff = await bash(`${SETUP}npx cdktf diff`, project, env);
  expect({ code: diff.code, output: diff.code === 0 ? '' : diff.output }).toEqual({ code: 0, output: '' });
  expect(diff.output).toContain(`Plan: ${suite.fixture.objects} to import, 0 to add, 0 to change, 0 to destroy.`);
  await expectAdopted(project, env, importIdsOf(main));
  // The deploy adopted without writing: no commit besides the fixture's.
  expect(suite.simulator.commits()).toHaveLength(1);

  const again = join(scratch, 'again');
  expect((await spsExport(['--format', 'cdktf', '--out', again], suite.env())).code).toBe(0);
  expect(readExport(again)).toEqual(files);
});

it('writes time policies with their construct, derived from the model like every kind, and cdktf adopts them with nothing to change', async () => {
  const names = await addTimePolicies(suite.simulator.url, USER, PASSWORD);
  const exported = join(scratch, 'time-policies');
  const run = await spsExport(['--format', 'cdktf', '--out', exported, '--select', 'time_policy=*'], suite.env());
  expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
  expect(run.stdout).toMatch(/exported 2 objects \(2 time policies\) as a CDKTF app/);
  const main = readExport(exported)['main.ts'];
  expect(main).toMatch(/^ {2}TimePolicy,$/m);
  expect(main).toContain(
    [
      "    const timePolicyWorkHours = new TimePolicy(this, 'timePolicyWorkHours', {",
      `      name: '${names[0]}',`,
      "      mon: [['8:00', '12:00'], ['13:00', '17:30']],",
      "      tue: [['8:00', '12:00'], ['13:00', '17:30']],",
      "      wed: [['8:00', '12:00'], ['13:00', '17:30']],",
      "      thu: [['8:00', '12:00'], ['13:00', '17:30']],",
      "      fri: [['8:00', '12:00'], ['13:00', '17:30']],",
      "      sat: [['9:00', '13:00']],",
      '      sun: [],',
      '    });',
      "    timePolicyWorkHours.resource.importFrom('",
    ].join('\n'),
  );
  expect(main).toContain("name: 'nights-$${var.x}-%%{if}'");
  expect(main).toContain("sun: [['0:00', '6:00'], ['22:00', '23:59']]");
  expect(main.match(/^ {4}timePolicy\w+\.resource\.importFrom\('[0-9a-f]+'\);$/gm)).toHaveLength(2);

  const { project, env } = await userProject(exported, 'time-policies-project');
  const diff = await bash(`${SETUP}npx cdktf diff`, project, env);
  expect({ code: diff.code, output: diff.code === 0 ? '' : diff.output }).toEqual({ code: 0, output: '' });
  expect(diff.output).toContain('Plan: 2 to import, 0 to add, 0 to change, 0 to destroy.');
  await expectAdopted(project, env, importIdsOf(main));
  // Adopted without writing: the fixture's commit and the time policies' only.
  expect(suite.simulator.commits()).toHaveLength(2);
});

it('with --generic, writes SpsObject constructs that synthesize, and cdktf imports them all with nothing to change', async () => {
  const generic = await addGenericObjects(suite.simulator.url, USER, PASSWORD);
  const commits = suite.simulator.commits().length;
  const exported = join(scratch, 'generic');
  const run = await spsExport(['--format', 'cdktf', '--out', exported, '--generic'], suite.env());
  expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
  expect(run.stdout).toMatch(/, 2 LDAP servers, .*1 content policy, 1 SSH options\) as a CDKTF app/);
  const main = readExport(exported)['main.ts'];
  expect(main).not.toContain(generic.bindPassword);
  expect(main).toContain("const ldapServerBranchLdap = new SpsObject(this, 'ldapServerBranchLdap', {");
  expect(main).toContain(`ldapServerBranchLdap.resource.importFrom('${PATHS.ldapServers}/${generic.ldapKey}');`);
  expect(main).toContain("new TerraformVariable(this, 'ldap_server_branch_ldap_secrets', {");
  expect(main).toContain('ldapServer: LdapServer.fromKey(ldapServerCorpLdap.objectKey),');
  const importIds = importIdsOf(main);
  expect(importIds).toContain('/api/configuration/ssh/options');

  const { project, env } = await userProject(exported, 'generic-project');
  const diff = await bash(`${SETUP}npx cdktf diff`, project, env);
  expect({ code: diff.code, output: diff.code === 0 ? '' : diff.output }).toEqual({ code: 0, output: '' });
  expect(diff.output).toContain(`Plan: ${importIds.length} to import, 0 to add, 0 to change, 0 to destroy.`);
  await expectAdopted(project, env, importIds);
  // Adopted without writing: no commit since the fixture's.
  expect(suite.simulator.commits()).toHaveLength(commits);
});
