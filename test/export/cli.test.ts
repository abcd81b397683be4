/**
 * The sps-export command line: help, usage errors, credentials and TLS like the provider, the
 * one-line failures (bad credentials, TLS, unreachable host), progress and refusing to overwrite.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { PATHS } from '../../src/model';
import { RestSession } from '../support/rest-session';
import { startTestSimulator } from '../support/simulator';
import { addUserLists, useExportSuite } from './fixture';
import { credentials, readExport, spsExport } from './spawn-export';
import { deadline } from '../support/wait';

jest.setTimeout(deadline(60_000));

const suite = useExportSuite('cli', (url, user, password) => addUserLists(url, 120, user, password));
const { scratch, env } = suite;
let counter = 0;
const out = () => join(scratch, `out-${++counter}`);

/** A failure is one line on stderr, nothing on stdout, no stack trace. */
function expectOneLine(result: { code: number; stdout: string; stderr: string }, code: number, pattern: RegExp): void {
  expect({ code: result.code, stdout: result.stdout, lines: result.stderr.trimEnd().split('\n').length }).toEqual({ code, stdout: '', lines: 1 });
  expect(result.stderr).toMatch(/^sps-export: /);
  expect(result.stderr).toMatch(pattern);
  expect(result.stderr).not.toMatch(/\n\s+at /);
}

describe('usage', () => {
  it('--help prints the usage and exits 0', async () => {
    const result = await spsExport(['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^usage: sps-export --format hcl\|cdktf --out DIR/);
    expect(result.stdout).toContain('--select KIND=GLOB');
    expect(result.stdout).toMatch(/^ {2}--generic {13}also export the objects of the kinds without a typed resource/m);
    expect(result.stdout).toContain('ldap_server, backup_policy');
  });

  it.each([
    [['--format', 'hcl', '--out', 'x', '--bogus'], /Unknown option '--bogus'/],
    [['--out', 'x'], /--format is required \(hcl or cdktf\)/],
    [['--format', 'json', '--out', 'x'], /--format "json": expected hcl or cdktf/],
    [['--format', 'hcl'], /--out DIR is required/],
    [['--format', 'hcl', '--out', 'x', '--select', 'policy=*'], /--select "policy=\*": unknown kind "policy" \(expected one of user_list, http_connection_policy, api_client, time_policy, ssh_connection_policy, rdp_connection_policy, http_channel_policy, ssh_channel_policy, rdp_channel_policy\)/],
    [['--format', 'hcl', '--out', 'x', '--select', 'user_list'], /expected KIND=GLOB, e\.g\. user_list=team-\*/],
    [['--format', 'hcl', '--out', 'x', '--select', 'ldap_server=corp-*'], /--select "ldap_server=corp-\*": ldap_server has no typed resource; add --generic to export its objects as sps_object/],
    [['--format', 'hcl', '--out', 'x', '--generic=yes'], /Option '--generic' does not take an argument/],
  ])('%j is a usage error: one line, exit 2', async (args, message) => {
    expectOneLine(await spsExport(args, { SPS_URL: 'http://127.0.0.1:9', SPS_USERNAME: 'a', SPS_PASSWORD: 'b' }), 2, message);
  });

  it('names the missing connection setting', async () => {
    expectOneLine(await spsExport(['--format', 'hcl', '--out', out()]), 2, /--url or SPS_URL is required/);
    expectOneLine(await spsExport(['--format', 'hcl', '--out', out()], { SPS_URL: 'sps.example.com' }), 2, /--url "sps\.example\.com" is not an http\(s\) URL/);
    expectOneLine(await spsExport(['--format', 'hcl', '--out', out()], { SPS_URL: suite.simulator.url, SPS_USERNAME: 'admin' }), 2, /Set --password-file \(or SPS_PASSWORD\) for the user "admin"/);
  });
});

describe('connecting like the provider', () => {
  it('bad credentials: one line naming the login, exit 1, the password nowhere', async () => {
    const result = await spsExport(['--format', 'hcl', '--out', out()], credentials(suite.simulator.url, 'admin', 'wrong-password-123'));
    expectOneLine(result, 1, /logging in to SPS failed: GET \/api\/authentication answered 401 Unauthenticated/);
    expect(result.stderr).not.toContain('wrong-password-123');
  });

  it('an unreachable host: one line, exit 1', async () => {
    const port = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const { port: free } = server.address() as { port: number };
        server.close(() => resolve(free));
      });
    });
    expectOneLine(await spsExport(['--format', 'hcl', '--out', out()], credentials(`http://127.0.0.1:${port}`, 'admin', 'admin')), 1, /cannot reach SPS at http:\/\/127\.0\.0\.1:\d+ .*ECONNREFUSED/);
  });

  it('TLS: an unverifiable certificate is one line naming --ca-file; SPS_CA_FILE and --insecure work', async () => {
    const caFile = join(scratch, 'ca.pem');
    const tls = await startTestSimulator({ tls: true, caOut: caFile });
    try {
      const refused = await spsExport(['--format', 'hcl', '--out', out()], credentials(tls.url, 'admin', 'admin'));
      expectOneLine(refused, 1, /could not be verified: set --ca-file \(SPS_CA_FILE\) to the CA that signed it, or --insecure/);
      const trusted = await spsExport(['--format', 'hcl', '--out', out(), '--quiet'], { ...credentials(tls.url, 'admin', 'admin'), SPS_CA_FILE: caFile });
      expect({ code: trusted.code, stderr: trusted.stderr }).toEqual({ code: 0, stderr: '' });
      const insecure = await spsExport(['--format', 'hcl', '--out', out(), '--insecure'], credentials(tls.url, 'admin', 'admin'));
      expect(insecure.code).toBe(0);
      expect(insecure.stderr).toMatch(/^sps-export: warning: TLS certificate verification is disabled/);
    } finally {
      await tls.close();
    }
  });

  it('flags instead of the environment: --url, --username and --password-file', async () => {
    const passwordFile = join(scratch, 'password');
    writeFileSync(passwordFile, 'admin\n');
    const result = await spsExport(['--format', 'hcl', '--out', out(), '--url', suite.simulator.url, '--username', 'admin', '--password-file', passwordFile, '--quiet']);
    expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: '' });
  });

  it('an API client (client-credentials grant) instead of a user, its secret written nowhere', async () => {
    const admin = await RestSession.login(suite.simulator.url);
    const created = await admin.call('POST', PATHS.apiClients, { name: 'exporter', scopes: ['config'], applies_to: { selection: 'all' } });
    expect((await admin.commit()).status).toBe(200);
    suite.simulator.approveApiClient(created.json.key);
    const { client_id: clientId, client_secret: secret } = created.json as { client_id: string; client_secret: string };
    const dir = out();
    const result = await spsExport(['--format', 'hcl', '--out', dir, '--quiet'], { SPS_URL: suite.simulator.url, SPS_CLIENT_ID: clientId, SPS_CLIENT_SECRET: secret });
    expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: '' });
    const mainTf = readExport(dir)['main.tf'];
    expect(mainTf).toMatch(/resource "sps_api_client" "exporter"/);
    expect(mainTf + result.stdout).not.toContain(secret);
    // Clean up, so the other tests count only user lists.
    await admin.call('DELETE', `${PATHS.apiClients}/${created.json.key}`);
    expect((await admin.commit()).status).toBe(200);
  });
});

describe('output', () => {
  it('reports progress as n/N objects on stderr for long exports, and a summary at the end', async () => {
    const result = await spsExport(['--format', 'cdktf', '--out', out()], env());
    expect(result.code).toBe(0);
    const progress = result.stderr.trimEnd().split('\n');
    expect(progress[0]).toBe('sps-export: 12/120 objects');
    expect(progress.at(-1)).toBe('sps-export: 120/120 objects');
    expect(progress.every((line) => /^sps-export: \d+\/120 objects$/.test(line))).toBe(true);
    expect(result.stdout).toMatch(/^sps-export 0\.1\.0: exported 120 objects \(120 user lists\) as a CDKTF app/);
    expect(result.stdout).toMatch(/read 120 objects from 9 collections in 131 requests/);
  });

  it('never overwrites files unless --force; with --force it replaces them', async () => {
    const dir = out();
    mkdirSync(dir);
    writeFileSync(join(dir, 'main.tf'), '# mine\n');
    expectOneLine(await spsExport(['--format', 'hcl', '--out', dir], env()), 1, /main\.tf already exists; choose an empty --out directory or pass --force/);
    expect(readFileSync(join(dir, 'main.tf'), 'utf8')).toBe('# mine\n');
    const forced = await spsExport(['--format', 'hcl', '--out', dir, '--force', '--quiet'], env());
    expect(forced.code).toBe(0);
    expect(readFileSync(join(dir, 'main.tf'), 'utf8')).toMatch(/^# Generated by sps-export/);
  });

  it('writes nothing when the appliance cannot be read', async () => {
    const dir = out();
    const result = await spsExport(['--format', 'hcl', '--out', dir], credentials(suite.simulator.url, 'admin', 'nope-nope'));
    expect(result.code).toBe(1);
    expect(existsSync(dir)).toBe(false);
  });
});
