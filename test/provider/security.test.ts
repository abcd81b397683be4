/**
 * Security properties through the real terraform CLI: no secret in any log or output, TLS
 * verified by default, and OAuth scopes enforced with a clear diagnostic.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SimulatorHandle } from '../../src/simulator';
import { adminSession, startTestSimulator } from '../support/simulator';
import { makeWorkspace, PROVIDER_BLOCK, tf, tfOk, type Workspace } from '../support/terraform';
import { deadline } from '../support/wait';

jest.setTimeout(deadline(180_000));

const PASSWORD = 'P4ssw0rd-zz9-unique';
const workspaces: Workspace[] = [];
afterAll(() => workspaces.forEach((w) => w.cleanup()));

function workspace(providerBody: string, main: string, env: Record<string, string> = {}): Workspace {
  const ws = makeWorkspace({ files: { 'provider.tf': `${PROVIDER_BLOCK}\nprovider "sps" {\n${providerBody}\n}\n`, 'main.tf': main }, env });
  workspaces.push(ws);
  return ws;
}

const API_CLIENT = 'resource "sps_api_client" "siem" {\n  name       = "siem"\n  scopes     = ["logs"]\n  applies_to = { selection = "all" }\n}\n';

describe('secrets', () => {
  let simulator: SimulatorHandle;
  beforeAll(async () => {
    simulator = await startTestSimulator({ users: [{ name: 'admin', password: PASSWORD }], autoApproveApiClients: true });
  });
  afterAll(async () => simulator.close());

  it('keeps the password, client secrets, cookies and tokens out of logs, plans and errors; only the state holds the client secret', async () => {
    const logFile = join(mkdtempSync(join(tmpdir(), 'sps-log-')), 'trace.log');
    const ws = workspace(`  url = "${simulator.url}"\n  username = "admin"`, API_CLIENT, { SPS_PASSWORD: PASSWORD, TF_LOG: 'trace', TF_LOG_PATH: logFile });
    const outputs: string[] = [];
    const run = async (args: string[], code = 0) => outputs.push(...Object.values(await tfOk(ws, args, code)).map(String));
    await run(['init', '-input=false']);
    await run(['apply', '-auto-approve']);
    await run(['plan', '-detailed-exitcode'], 0);
    const state = readFileSync(join(ws.dir, 'terraform.tfstate'), 'utf8');
    const secret = JSON.parse(state).resources[0].instances[0].attributes.client_secret as string;
    expect(secret).toMatch(/.{20,}/);
    // A failing run too: its error must not quote credentials either.
    simulator.injectFault({ kind: 'status', status: 500, count: 100 });
    ws.write({ 'main.tf': API_CLIENT.replace('"logs"', '"logs", "ip"') });
    outputs.push(...Object.values(await tf(ws, ['apply', '-auto-approve', '-no-color'])).map(String));
    simulator.clearFaults();

    const everything = [readFileSync(logFile, 'utf8'), ...outputs].join('\n');
    expect(everything.length).toBeGreaterThan(10_000); // the trace log really was written
    expect(everything).not.toContain(PASSWORD);
    expect(everything).not.toContain(secret);
    expect(everything).not.toMatch(/session_id=[A-Za-z0-9_-]{10,}/);
    expect(everything).not.toMatch(/Bearer [A-Za-z0-9_-]{10,}/);
    expect(everything).not.toContain(Buffer.from(`admin:${PASSWORD}`).toString('base64'));
    expect(state).toContain(secret);

    const schema = JSON.parse((await tfOk(ws, ['providers', 'schema', '-json'])).stdout).provider_schemas['registry.terraform.io/sps-iac/sps'];
    expect(schema.resource_schemas.sps_api_client.block.attributes.client_secret.sensitive).toBe(true);
    expect(schema.provider.block.attributes.password.sensitive).toBe(true);
  });

  it('logs in as an API client with a bearer token and never shows the token or the secret', async () => {
    const admin = await adminSession(simulator.url, 'admin', PASSWORD);
    const client = await admin.commitChange('POST', '/api/configuration/aaa/api_clients', { name: 'ci', scopes: ['config'], applies_to: { selection: 'all' } });
    const logFile = join(mkdtempSync(join(tmpdir(), 'sps-log-')), 'trace.log');
    const ws = workspace(`  url = "${simulator.url}"`, 'resource "sps_user_list" "ops" {\n  name  = "ops"\n  allow = "no_user"\n}\n', {
      SPS_CLIENT_ID: client.client_id,
      SPS_CLIENT_SECRET: client.client_secret,
      TF_LOG: 'trace',
      TF_LOG_PATH: logFile,
    });
    await tfOk(ws, ['init', '-input=false']);
    const applied = await tfOk(ws, ['apply', '-auto-approve']);
    const everything = readFileSync(logFile, 'utf8') + applied.stdout + applied.stderr;
    expect(everything).not.toContain(client.client_secret);
    expect(everything).not.toMatch(/Bearer [A-Za-z0-9_-]{10,}/);
    expect(simulator.commits().at(-1)?.user).toBe('client:ci');
  });
});

describe('TLS and scopes', () => {
  it('verifies the appliance certificate by default, and trusts it with ca_file', async () => {
    const caFile = join(mkdtempSync(join(tmpdir(), 'sps-ca-')), 'ca.pem');
    const simulator = await startTestSimulator({ tls: true, caOut: caFile });
    try {
      const main = 'data "sps_audit_policy" "default" {\n  name = "default"\n}\n';
      const untrusted = workspace(`  url = "${simulator.url.replace('127.0.0.1', 'localhost')}"\n  username = "admin"\n  password = "admin"`, main);
      await tfOk(untrusted, ['init', '-input=false']);
      const refused = await tf(untrusted, ['plan', '-no-color']);
      expect(refused.code).toBe(1);
      expect(refused.stderr.replace(/\s+/g, ' ')).toMatch(/certificate|ca_file/i);
      const trusted = workspace(`  url = "${simulator.url.replace('127.0.0.1', 'localhost')}"\n  username = "admin"\n  password = "admin"\n  ca_file = "${caFile}"`, main);
      await tfOk(trusted, ['init', '-input=false']);
      await tfOk(trusted, ['plan']);
    } finally {
      await simulator.close();
    }
  });

  it('gives a clear 403 diagnostic to an API client without the config scope', async () => {
    const simulator = await startTestSimulator({ autoApproveApiClients: true });
    try {
      const admin = await adminSession(simulator.url);
      const client = await admin.commitChange('POST', '/api/configuration/aaa/api_clients', { name: 'siem', scopes: ['logs'], applies_to: { selection: 'all' } });
      const ws = workspace(`  url = "${simulator.url}"\n  client_id = "${client.client_id}"`, 'resource "sps_user_list" "ops" {\n  name  = "ops"\n  allow = "no_user"\n}\n', {
        SPS_CLIENT_SECRET: client.client_secret,
      });
      await tfOk(ws, ['init', '-input=false']);
      const result = await tf(ws, ['apply', '-auto-approve', '-no-color']);
      expect(result.code).toBe(1);
      const error = result.stderr.replace(/\s+/g, ' ');
      expect(error).toMatch(/403|scope/);
      expect(error).not.toContain(client.client_secret);
    } finally {
      await simulator.close();
    }
  });
});
