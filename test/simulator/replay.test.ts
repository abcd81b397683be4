/**
 * A real client's requests, byte for byte as safeguard-ps sends them (its SPS cmdlets: login,
 * Open-SafeguardSpsTransaction, Get/Set of an object's body, Save-SafeguardSpsTransaction,
 * Clear-SafeguardSpsTransaction), against every simulated firmware version, over raw HTTP/1.1.
 */
import { connect } from 'node:net';
import { type SimulatorHandle, SPS_VERSIONS, startSimulator } from '../../src/simulator';

const USER_AGENT = 'safeguard-ps';

interface RawResponse {
  status: number;
  headers: Record<string, string>;
  json: any;
}

/** One HTTP/1.1 request written by hand, so that exactly these headers go out (or none). */
function send(url: string, lines: string[], body?: string): Promise<RawResponse> {
  const { port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), '127.0.0.1', () => socket.write(`${lines.join('\r\n')}\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n${body ?? ''}`));
    let text = '';
    socket.on('data', (chunk) => (text += chunk));
    socket.on('error', reject);
    socket.on('end', () => {
      const [head, content] = text.split('\r\n\r\n');
      const [statusLine, ...headerLines] = head.split('\r\n');
      const headers = Object.fromEntries(headerLines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]));
      resolve({ status: Number(statusLine.split(' ')[1]), headers, json: content ? JSON.parse(content) : undefined });
    });
  });
}

describe.each(SPS_VERSIONS)('safeguard-ps against SPS %s', (spsVersion) => {
  let sim: SimulatorHandle;
  beforeAll(async () => {
    sim = await startSimulator({ log: false, spsVersion });
  });
  afterAll(async () => {
    await sim.close();
  });

  it('logs in, opens a transaction, edits an object body, commits, reads the status and changes, and rolls back a second one', async () => {
    // Connect-SafeguardSps: Basic credentials, session_id cookie.
    const basic = Buffer.from('admin:admin').toString('base64');
    const login = await send(sim.url, ['GET /api/authentication?login_method=local HTTP/1.1', `Authorization: Basic ${basic}`, `User-Agent: ${USER_AGENT}`, 'Accept: application/json']);
    expect(login.status).toBe(200);
    const cookie = /session_id=[^;]+/.exec(login.headers['set-cookie'])![0];
    const authenticated = [`Cookie: ${cookie}`, `User-Agent: ${USER_AGENT}`, 'Accept: application/json'];

    // Open-SafeguardSpsTransaction: POST with an empty body; without Content-Length the appliance answers 411.
    expect((await send(sim.url, ['POST /api/transaction HTTP/1.1', ...authenticated])).status).toBe(411);
    const opened = await send(sim.url, ['POST /api/transaction HTTP/1.1', ...authenticated, 'Content-Length: 0']);
    expect(opened.status).toBe(200);

    // Get the object, change one field of .body, PUT the whole body back.
    const path = '/api/configuration/policies/userlists';
    const list = '{"name":"ops","allow":"no_user","except":["a"]}';
    const created = await send(sim.url, [`POST ${path} HTTP/1.1`, ...authenticated, 'Content-Type: application/json', `Content-Length: ${Buffer.byteLength(list)}`], list);
    expect(created.status).toBe(201);
    const object = await send(sim.url, [`GET ${path}/${created.json.key} HTTP/1.1`, ...authenticated]);
    expect(object.json).toMatchObject({ key: created.json.key, body: { name: 'ops', allow: 'no_user', except: ['a'] } });
    const changed = JSON.stringify({ ...object.json.body, except: ['a', 'b'] });
    const put = await send(sim.url, [`PUT ${path}/${created.json.key} HTTP/1.1`, ...authenticated, 'Content-Type: application/json', `Content-Length: ${Buffer.byteLength(changed)}`], changed);
    expect(put.status).toBe(200);

    // Save-SafeguardSpsTransaction.
    const commitBody = '{"status":"commit"}';
    const commit = await send(sim.url, ['PUT /api/transaction HTTP/1.1', ...authenticated, 'Content-Type: application/json', `Content-Length: ${commitBody.length}`], commitBody);
    expect(commit.status).toBe(200);

    // Get-SafeguardSpsTransaction, and the changes.
    const status = await send(sim.url, ['GET /api/transaction HTTP/1.1', ...authenticated]);
    expect(spsVersion === '6.9' ? status.json.transaction.status : status.json.body.status).toBe('closed');
    const changes = await send(sim.url, ['GET /api/transaction/changes HTTP/1.1', ...authenticated]);
    expect(changes.status).toBe(200);
    expect((await send(sim.url, [`GET ${path}/${created.json.key} HTTP/1.1`, ...authenticated])).json.body.except).toEqual(['a', 'b']);

    // Clear-SafeguardSpsTransaction on a second transaction: its change is gone.
    await send(sim.url, ['POST /api/transaction HTTP/1.1', ...authenticated, 'Content-Length: 0']);
    const doomed = JSON.stringify({ ...object.json.body, except: [] });
    await send(sim.url, [`PUT ${path}/${created.json.key} HTTP/1.1`, ...authenticated, 'Content-Type: application/json', `Content-Length: ${Buffer.byteLength(doomed)}`], doomed);
    const pending = await send(sim.url, ['GET /api/transaction/changes HTTP/1.1', ...authenticated]);
    expect(pending.json.changes).toEqual([expect.objectContaining({ type: 'replace', path: `${path}/${created.json.key}` })]);
    expect((await send(sim.url, ['DELETE /api/transaction HTTP/1.1', ...authenticated])).status).toBe(200);
    expect((await send(sim.url, [`GET ${path}/${created.json.key} HTTP/1.1`, ...authenticated])).json.body.except).toEqual(['a', 'b']);
  });
});
