/**
 * sps-export --generic in-process, against the in-process simulator: which objects become
 * sps_object, how their bodies are written in HCL and for the SpsObject construct (keys, nulls,
 * escapes), that secrets are left out and given through a variable, that typed resources reference
 * the objects, --select and a collection the appliance does not have; and that the CDKTF app
 * synthesizes with the real constructs into the same values the HCL holds.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as cdktf from 'cdktf';
import * as constructs from 'constructs';
import * as ts from 'typescript';
import * as spsIac from '../../src';
import { ApplianceClient } from '../../src/client';
import { splitSecrets, secretsType } from '../../src/export/generic';
import { hclString } from '../../src/export/hcl-format';
import { GENERIC_COLLECTIONS } from '../../src/export/kinds';
import type { GenericObject } from '../../src/export/read-appliance';
import { type ExportFormat, runExport, type ExportSummary } from '../../src/export/run-export';
import { parseSelection, SelectionError } from '../../src/export/select';
import { PATHS, SINGLETON_ENDPOINTS } from '../../src/model';
import type { SimulatorHandle } from '../../src/simulator';
import { RestSession } from '../support/rest-session';
import { startTestSimulator } from '../support/simulator';

const ldapCollection = GENERIC_COLLECTIONS.find((collection) => collection.name === 'ldap_server')!;
const ldap = (body: Record<string, unknown>): GenericObject => ({ collection: ldapCollection, key: '0123456789abcdef0123456', name: 'x', body });

describe('secrets in sps_object bodies', () => {
  it('leaves out text and structures under names like secrets, keeps flags, nulls and the rest', () => {
    const split = splitSecrets(
      ldap({
        name: 'corp',
        bind_password: 'pw',
        password_authentication: true,
        token_lifetime: 3600,
        api_token: null,
        encryption: { selection: 'ssl', client_authentication: { enabled: true, private_key: { key: 'k1', meta: {} }, passphrase: 'p' } },
        servers: [{ host: 'a', port: 636 }, { host: 'b', secret: 's' }],
        tags: ['a'],
      }),
    );
    expect(split.body).toEqual({ name: 'corp', password_authentication: true, token_lifetime: 3600, api_token: null, encryption: { selection: 'ssl', client_authentication: { enabled: true } }, tags: ['a'] });
    expect(split.secrets).toEqual([
      { path: ['bind_password'], type: 'string' },
      { path: ['encryption', 'client_authentication', 'private_key'], type: 'any' },
      { path: ['encryption', 'client_authentication', 'passphrase'], type: 'string' },
      // A list is replaced whole by sensitive_body, so a list holding a secret is left out whole.
      { path: ['servers'], type: 'any' },
    ]);
    expect(secretsType(split.secrets)).toBe('object({ bind_password = string, encryption = object({ client_authentication = object({ private_key = any, passphrase = string }) }), servers = any })');
    expect(secretsType([{ path: ['bind-password'], type: 'string' }])).toBe('any');
  });
});

describe('--select with --generic', () => {
  it('names kinds without a typed resource only with --generic, and says so naming the option and the value', () => {
    expect(() => parseSelection(['ldap_server=corp-*'])).toThrow(new SelectionError('--select "ldap_server=corp-*": ldap_server has no typed resource; add --generic to export its objects as sps_object'));
    expect(() => parseSelection(['ldap=x'], { generic: true })).toThrow(/^--select "ldap=x": unknown kind "ldap" \(expected one of user_list, .*, ldap_server, .*, content_policy, ssh_options\)$/);
    const selection = parseSelection(['ldap_server=corp-*', 'ssh_options=*'], { generic: true });
    expect({ kinds: selection.kinds, generic: selection.generic.map((collection) => collection.name) }).toEqual({ kinds: [], generic: ['ldap_server', 'ssh_options'] });
    expect(parseSelection([]).generic).toEqual([]);
    expect(parseSelection([], { generic: true }).generic).toBe(GENERIC_COLLECTIONS);
  });
});

describe('exporting from the simulator', () => {
  let simulator: SimulatorHandle;
  const scratch = mkdtempSync(join(tmpdir(), 'sps-export-generic-unit-'));
  const keys: Record<string, string> = {};
  const BIND_PASSWORD = 'bind-Pa55-never-written';
  const DESCRIPTION = 'The "branch" directory \\ ${var.x} %{if}\ttabbed';
  // cdktf's token markers: appliance text must never become a token.
  const NOTE = '${TfToken[TOKEN.1]} #{TfToken[TOKEN.2]}';

  beforeAll(async () => {
    simulator = await startTestSimulator();
    const admin = await RestSession.login(simulator.url);
    const create = async (path: string, body: unknown) => {
      const response = await admin.call('POST', path, body);
      if (response.status !== 201) throw new Error(`POST ${path} → ${response.status} ${JSON.stringify(response.json)}`);
      return response.json.key as string;
    };
    keys.ldap = await create(PATHS.ldapServers, {
      name: 'branch-ldap',
      description: DESCRIPTION,
      note: NOTE,
      bind_password: BIND_PASSWORD,
      servers: [{ host: 'ldap1.branch', port: 636 }],
      referrals: null,
      'x-vendor option': [1, null, 'on'],
      in: { if: true },
    });
    keys.content = await create(PATHS.contentPolicies, { name: 'block-rm', rules: [{ event: 'command', patterns: ['rm -rf /'] }] });
    keys.ssh = await create(PATHS.sshConnectionPolicies, {
      name: 'jump',
      network: { clients: ['10.0.0.0/8'], targets: ['10.2.0.1'], ports: [22] },
      server_address: { selection: 'original' },
      policies: { channel_policy: '-10100', settings: '-300', audit_policy: '-10000', authentication_policy: '-200', ldap_server: keys.ldap },
    });
    expect((await admin.commit('fixture')).status).toBe(200);
  });
  afterAll(async () => {
    rmSync(scratch, { recursive: true, force: true });
    await simulator.close();
  });

  let run = 0;
  async function exportAs(format: ExportFormat, select: string[], generic: boolean): Promise<{ summary: ExportSummary; files: Record<string, string>; warnings: string[] }> {
    const outDir = join(scratch, `out-${++run}`);
    const client = new ApplianceClient({ url: simulator.url, credentials: { kind: 'password', username: 'admin', password: 'admin' }, retry: { maxAttempts: 1 } });
    const warnings: string[] = [];
    try {
      const summary = await runExport(client, { format, outDir, selection: parseSelection(select, { generic }), onSkipped: (w) => warnings.push(w), onWarning: (w) => warnings.push(w) });
      return { summary, files: Object.fromEntries(summary.files.map((file) => [file, readFileSync(join(outDir, file), 'utf8')])), warnings };
    } finally {
      await client.close();
    }
  }

  it('without --generic, writes no sps_object: the LDAP server is looked up by name, as before', async () => {
    const { files, summary } = await exportAs('hcl', [], false);
    expect(summary.exported).toEqual([[1, 'SSH connection policy']]);
    expect(files['main.tf']).not.toMatch(/sps_object|--generic|_secrets/);
    expect(files['main.tf']).toContain('ldap_server           = data.sps_ldap_server.branch_ldap.id');
  });

  it('writes every other field in HCL object syntax inside jsonencode, the secret as a variable, imports by path/key', async () => {
    const { files, summary, warnings } = await exportAs('hcl', [], true);
    expect(warnings).toEqual([]);
    expect(summary.exported).toEqual([[1, 'SSH connection policy'], [1, 'LDAP server'], [1, 'content policy'], [1, 'SSH options']]);
    expect(summary.secrets).toBe(1);
    const mainTf = files['main.tf'];
    expect(mainTf).not.toContain(BIND_PASSWORD);
    expect(mainTf).toContain(
      [
        'resource "sps_object" "ldap_server_branch_ldap" {',
        '  path = "/api/configuration/policies/ldap_servers"',
        '  body = jsonencode({',
        `    name        = "branch-ldap"`,
        `    description = ${hclString(DESCRIPTION)}`,
        `    note        = ${hclString(NOTE)}`,
        '    servers = [',
        '      {',
        '        host = "ldap1.branch"',
        '        port = 636',
        '      },',
        '    ]',
        '    referrals         = null',
        '    "x-vendor option" = [1, null, "on"]',
        '    "in" = {',
        '      "if" = true',
        '    }',
        '  })',
        '  sensitive_body = var.ldap_server_branch_ldap_secrets == null ? null : jsonencode(var.ldap_server_branch_ldap_secrets)',
        '}',
        '',
        'variable "ldap_server_branch_ldap_secrets" {',
        `  description = "Secrets of the LDAP server \\"branch-ldap\\" (key ${keys.ldap}), which sps-export did not write: bind_password. Null (the default) leaves them as they are on the appliance."`,
        '  type        = object({ bind_password = string })',
        '  sensitive   = true',
        '  default     = null',
        '}',
        '',
        'import {',
        '  to = sps_object.ldap_server_branch_ldap',
        `  id = "${PATHS.ldapServers}/${keys.ldap}"`,
        '}',
      ].join('\n'),
    );
    expect(mainTf).toContain(
      [
        '# Not exported, as a secret: bind_password. The appliance keeps its value; to set it from Terraform,',
        '# give the variable ldap_server_branch_ldap_secrets (e.g. TF_VAR_ldap_server_branch_ldap_secrets);',
        '# unset, nothing is written.',
        'resource "sps_object" "ldap_server_branch_ldap" {',
      ].join('\n'),
    );
    expect(mainTf).toContain(`resource "sps_object" "ssh_options" {\n  path      = "/api/configuration/ssh/options"\n  singleton = true\n  body = jsonencode({\n`);
    expect(mainTf).toContain('import {\n  to = sps_object.ssh_options\n  id = "/api/configuration/ssh/options"\n}');
    expect(mainTf).toContain(`import {\n  to = sps_object.content_policy_block_rm\n  id = "${PATHS.contentPolicies}/${keys.content}"\n}`);
    // The typed resource references the exported object; built-ins are still looked up.
    expect(mainTf).toContain('    ldap_server           = sps_object.ldap_server_branch_ldap.id\n');
    expect(mainTf).not.toContain('data "sps_ldap_server"');
    expect(mainTf).toContain('data "sps_ssh_settings_policy" "default"');
    // Built-ins (negative keys) are not exported.
    expect(mainTf.match(/^resource "sps_object"/gm)).toHaveLength(3);
  });

  it('--select picks generic objects by kind and name; a referenced object it read but left out is looked up by name, without another request', async () => {
    simulator.resetCounters();
    const { files, summary } = await exportAs('hcl', ['ssh_connection_policy=*', 'content_policy=block-*', 'ldap_server=other-*'], true);
    expect(summary.exported).toEqual([[1, 'SSH connection policy'], [1, 'content policy']]);
    expect(files['main.tf']).toContain('ldap_server           = data.sps_ldap_server.branch_ldap.id');
    expect(files['main.tf']).not.toContain('sps_object.ldap_server');
    expect(simulator.counters().requests[`GET ${PATHS.ldapServers}/{key}`]).toBe(1);
  });

  it('leaves out, with a warning, a collection or singleton this appliance does not have (404), and exports the rest', async () => {
    simulator.injectFault({ kind: 'status', status: 404, method: 'GET', path: PATHS.contentPolicies });
    simulator.injectFault({ kind: 'status', status: 404, method: 'GET', path: SINGLETON_ENDPOINTS.sshOptions.path });
    const { summary, warnings } = await exportAs('hcl', [], true);
    expect(warnings).toEqual([
      `left out the content policies (${PATHS.contentPolicies}): the appliance has no such collection (404; an older firmware?)`,
      `left out ${SINGLETON_ENDPOINTS.sshOptions.path}: the appliance has no such object (404; an older firmware?)`,
    ]);
    expect(summary.exported).toEqual([[1, 'SSH connection policy'], [1, 'LDAP server']]);
  });

  it('writes a CDKTF app whose SpsObject bodies synthesize, with the real constructs, to the values the HCL export holds', async () => {
    const { files } = await exportAs('cdktf', [], true);
    const main = files['main.ts'];
    expect(main).not.toContain(BIND_PASSWORD);
    expect(main).toContain("ldapServer: LdapServer.fromKey(ldapServerBranchLdap.objectKey),");
    // Plain values (SpsObject escapes them); only the $ of a token marker in appliance text is broken.
    expect(main).toContain("'x-vendor option': [1, null, 'on'],");
    expect(main).toContain("note: Fn.lower('$') + '{TfToken[TOKEN.1]} #{TfToken[TOKEN.2]}',");
    expect(main).toContain("new TerraformVariable(this, 'ldap_server_branch_ldap_secrets', {");
    expect(main).toContain(`ldapServerBranchLdap.resource.importFrom('${PATHS.ldapServers}/${keys.ldap}');`);

    const stack = synthesize(main);
    const objects = stack.resource.sps_object as Record<string, { body: string; path: string; sensitive_body?: string }>;
    const branch = Object.values(objects).find((object) => object.body.includes('"branch-ldap"'))!;
    // cdktf writes the body as an HCL expression: each string literal as the HCL export writes it.
    expect(branch.body).toContain(`"description" = ${hclString(DESCRIPTION)}`);
    expect(branch.body).toContain('"note" = "${lower("$")}{TfToken[TOKEN.1]} #\\u007bTfToken[TOKEN.2]}"');
    expect(branch.body).toContain('"x-vendor option" = [1, jsondecode("null"), "on"]');
    expect(branch.sensitive_body).toBe('${(var.ldap_server_branch_ldap_secrets == null) ? null : jsonencode(var.ldap_server_branch_ldap_secrets)}');
    expect(stack.variable.ldap_server_branch_ldap_secrets).toMatchObject({ default: null, sensitive: true, nullable: true, type: 'object({ bind_password = string })' });
    const policy = Object.values(stack.resource.sps_ssh_connection_policy as Record<string, { policies: { ldap_server: string } }>)[0];
    expect(policy.policies.ldap_server).toMatch(/^\$\{sps_object\.ldapServerBranchLdap_\w+\.id\}$/);
    expect(stack.import).toContainEqual({ to: expect.stringMatching(/^sps_object\.ldapServerBranchLdap_\w+$/), id: `${PATHS.ldapServers}/${keys.ldap}` });
  });

  /**
   * Runs an exported main.ts in-process (sps-iac resolved to this source), and returns the stack's
   * cdk.tf.json. Without cdktf's validations: the one for import blocks runs `terraform version`.
   */
  function synthesize(main: string): Record<string, Record<string, unknown>> {
    const outdir = join(scratch, `synth-${++run}`);
    const { outputText } = ts.transpileModule(main, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } });
    const App = class extends cdktf.App {
      constructor(config: cdktf.AppConfig = {}) {
        super({ ...config, skipValidation: true });
      }
    };
    const modules: Record<string, unknown> = { 'sps-iac': spsIac, cdktf: { ...cdktf, App }, constructs };
    const previous = process.env.CDKTF_OUTDIR;
    process.env.CDKTF_OUTDIR = outdir;
    try {
      new Function('require', 'exports', outputText)((name: string) => modules[name], {});
    } finally {
      if (previous === undefined) delete process.env.CDKTF_OUTDIR;
      else process.env.CDKTF_OUTDIR = previous;
    }
    return JSON.parse(readFileSync(join(outdir, 'stacks', 'appliance', 'cdk.tf.json'), 'utf8'));
  }
});
