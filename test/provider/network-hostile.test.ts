/**
 * A misbehaving appliance through the real terraform CLI (and sps-export): a front before the
 * simulator that trickles an answer forever, echoes the request's Authorization header in an
 * error, or answers a 5 MB error message; and a URL that holds /api.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { APPLIANCE_TEXT_LIMIT } from '../../src/client/errors';
import { DEFAULT_RETRY_OPTIONS } from '../../src/client/retry-policy';
import type { SimulatorHandle } from '../../src/simulator';
import { type HostileFront, isRequest, sendError, startHostileFront, trickle, type Takeover } from '../client/hostile-front';
import { spsExport } from '../export/spawn-export';
import { startTestSimulator } from '../support/simulator';
import { makeWorkspace, PROVIDER_BLOCK, tfOk, type Workspace } from '../support/terraform';
import { deadline } from '../support/wait';

jest.setTimeout(deadline(180_000));

const PASSWORD = 'Hostile-zz9-Pw';
const BASIC = Buffer.from(`admin:${PASSWORD}`).toString('base64');
const LISTS = '/api/configuration/policies/userlists';
/** A plan that reads the appliance: a lookup by name lists the user lists. */
const LOOKUP = 'data "sps_user_list" "root_only" {\n  name = "root_only"\n}\n';

let simulator: SimulatorHandle;
let front: HostileFront | undefined;
let ws: Workspace | undefined;
beforeEach(async () => {
  simulator = await startTestSimulator({ users: [{ name: 'admin', password: PASSWORD }] });
});
afterEach(async () => {
  ws?.cleanup();
  await front?.close();
  await simulator.close();
});

/** A workspace whose provider talks to `url` (with extra provider arguments), initialised. */
async function workspace(url: string, providerArguments = '', env: Record<string, string> = {}): Promise<Workspace> {
  const provider = `${PROVIDER_BLOCK}\nprovider "sps" {\n  url      = "${url}"\n  username = "admin"\n${providerArguments}}\n`;
  ws = makeWorkspace({ files: { 'provider.tf': provider, 'main.tf': LOOKUP }, env: { SPS_PASSWORD: PASSWORD, ...env } });
  await tfOk(ws, ['init', '-input=false']);
  return ws;
}

/** Terraform wraps diagnostics at 80 columns: matched with every run of white space as one space. */
const flat = (text: string) => text.replace(/\s+/g, ' ');

async function hostile(takeover: Takeover): Promise<HostileFront> {
  front = await startHostileFront(simulator.url, takeover);
  return front;
}

it('ends a plan whose answer trickles in forever at request_timeout, naming the request and the deadline', async () => {
  const { url, takenOver } = await hostile((request, response) => isRequest(request, 'GET', LISTS) && (trickle(response), true));
  const plan = await tfOk(await workspace(url, '  request_timeout = "1s"\n'), ['plan'], 1);
  expect(flat(plan.stderr)).toContain(`GET ${LISTS} got no complete answer within 1 s (request_timeout, or SPS_REQUEST_TIMEOUT) (gave up after ${DEFAULT_RETRY_OPTIONS.maxAttempts} attempts)`);
  // A read is repeated within the retry budget, each attempt with its own deadline.
  expect(takenOver).toEqual(Array(DEFAULT_RETRY_OPTIONS.maxAttempts).fill(`GET ${LISTS}`));
});

it('never shows the Basic header an error echoes: not in the plan, its log, or sps-export', async () => {
  const echo: Takeover = (request, response) => {
    if (!isRequest(request, 'GET', '/api/authentication')) return false;
    sendError(response, 400, 'BadRequest', `malformed header Authorization: ${request.headers.authorization}`, { authorization: request.headers.authorization });
    return true;
  };
  const { url } = await hostile(echo);
  const logDir = mkdtempSync(join(tmpdir(), 'sps-log-'));
  try {
    const logFile = join(logDir, 'trace.log');
    const plan = await tfOk(await workspace(url, '', { TF_LOG: 'trace', TF_LOG_PATH: logFile }), ['plan'], 1);
    expect(flat(plan.stderr)).toContain('malformed header Authorization: Basic [redacted]');
    const exported = await spsExport(['--format', 'hcl', '--out', join(logDir, 'export')], { SPS_URL: url, SPS_USERNAME: 'admin', SPS_PASSWORD: PASSWORD });
    expect(exported.code).toBe(1);
    expect(exported.stderr).toContain('malformed header Authorization: Basic [redacted]');
    const everything = [plan.stdout, plan.stderr, readFileSync(logFile, 'utf8'), exported.stdout, exported.stderr].join('\n');
    expect(everything).not.toContain(BASIC);
    expect(everything).not.toContain(PASSWORD);
  } finally {
    rmSync(logDir, { recursive: true, force: true });
  }
});

it('quotes at most 4 KB of a 5 MB error message, stating its size', async () => {
  const huge = `${'the appliance says a lot. '.repeat(192_308)}the end`; // 5,000,015 bytes
  const { url } = await hostile((request, response) => isRequest(request, 'GET', LISTS) && (sendError(response, 400, 'BadRequest', huge), true));
  const plan = await tfOk(await workspace(url), ['plan'], 1);
  // What the appliance said: its error type and message, "BadRequest: " and the 5,000,015 bytes.
  expect(flat(plan.stderr)).toContain('… (truncated; 5,000,027 bytes in all)');
  expect(plan.stderr).not.toContain('the end');
  expect(Buffer.byteLength(plan.stdout + plan.stderr)).toBeLessThan(APPLIANCE_TEXT_LIMIT + 1024);
});

it('refuses a URL that holds /api at plan, saying which URL to use, without sending anything', async () => {
  const plan = await tfOk(await workspace(`${simulator.url}/api`), ['plan'], 1);
  expect(plan.stderr).toContain('Invalid appliance URL');
  expect(flat(plan.stderr)).toContain(`url must be the appliance's base URL without /api: use ${simulator.url}.`);
  expect(simulator.counters().totalRequests).toBe(0);
});
