/** What the simulator tests share; nothing here starts a process (that is ./processes, for the system tier). */
import { connect } from 'node:net';

export { RestSession } from '../support/rest-session';

export const USER_LISTS = '/api/configuration/policies/userlists';
export const CONNECTIONS = '/api/configuration/http/connections';
export const API_CLIENTS = '/api/configuration/aaa/api_clients';
export const LOCAL_GROUPS = '/api/configuration/aaa/local_database/groups';

export const validPolicy = (overrides: Record<string, unknown> = {}) => ({
  name: 'intranet',
  network: { clients: ['10.0.0.0/8'], targets: ['10.1.1.1'], ports: [443] },
  server_address: { selection: 'fix', address: 'intranet.example.com', port: 8443 },
  policies: { channel_policy: '-304001002', settings: '-3040010', audit_policy: '-10000', authentication_policy: '-304002001' },
  ...overrides,
});

export interface RawAnswer {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: string;
}

/** Parses one HTTP/1.1 answer (status line, headers, then a Content-Length body). */
export function parseAnswer(text: string): RawAnswer {
  const end = text.indexOf('\r\n\r\n');
  if (end < 0) throw new Error(`not an HTTP answer: ${JSON.stringify(text.slice(0, 200))}`);
  const [statusLine, ...lines] = text.slice(0, end).split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
  }
  const length = Number(headers['content-length'] ?? text.length - end - 4);
  return { status: Number(statusLine.split(' ')[1]), headers, body: text.slice(end + 4, end + 4 + length) };
}

/**
 * Sends `head` (a request line and headers, written as they are, so the request target can be
 * anything) over a new connection and reads the answer until the server closes it.
 */
export function rawExchange(port: number, head: string, timeoutMs = 5000): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(head));
    let text = '';
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no complete answer within ${timeoutMs / 1000} s to ${JSON.stringify(head.split('\r\n')[0])}`));
    }, timeoutMs);
    socket.setEncoding('latin1');
    socket.on('data', (chunk) => (text += chunk));
    socket.on('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`${error.message} for ${JSON.stringify(head.split('\r\n')[0])}`));
    });
    socket.on('end', () => {
      clearTimeout(timer);
      try {
        resolve(parseAnswer(text));
      } catch (error) {
        reject(new Error(`${(error as Error).message} for ${JSON.stringify(head.split('\r\n')[0])}`));
      }
    });
  });
}
