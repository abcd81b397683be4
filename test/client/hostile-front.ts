/**
 * A misbehaving appliance for the network tests: a real HTTP server in front of the simulator that
 * forwards every request to it, except the ones a test takes over (an answer trickling in forever,
 * an error echoing the request's headers, a huge error message).
 */
import { createServer, type IncomingMessage, request as forward, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** Answers a request itself and returns true, or returns false to let the simulator answer it. */
export type Takeover = (request: IncomingMessage, response: ServerResponse) => boolean;

export interface HostileFront {
  /** The base URL to give the client instead of the simulator's. */
  readonly url: string;
  /** Requests taken over so far, as "METHOD /path". */
  readonly takenOver: string[];
  close(): Promise<void>;
}

export async function startHostileFront(simulatorUrl: string, takeover: Takeover): Promise<HostileFront> {
  const target = new URL(simulatorUrl);
  const takenOver: string[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((request, response) => {
    if (takeover(request, response)) {
      takenOver.push(`${request.method} ${request.url}`);
      return;
    }
    const upstream = forward({ host: target.hostname, port: target.port, method: request.method, path: request.url, headers: request.headers }, (answer) => {
      response.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(response);
    });
    upstream.on('error', () => response.destroy());
    request.pipe(upstream);
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    takenOver,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/**
 * Starts a 200 answer and then sends one byte of it every `everyMs`, never finishing: each byte
 * resets undici's idle timers, so only an overall deadline ends the request. It stops when the
 * client gives up (or the front is closed) and the connection closes.
 */
export function trickle(response: ServerResponse, everyMs = 50): void {
  response.writeHead(200, { 'content-type': 'application/json' });
  response.write('{');
  const timer = setInterval(() => response.write(' '), everyMs);
  response.on('close', () => clearInterval(timer));
}

/** An SPS error answer. */
export function sendError(response: ServerResponse, status: number, type: string, message: string, details?: unknown): void {
  const body = JSON.stringify({ error: { type, message, ...(details === undefined ? {} : { details }) } });
  response.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  response.end(body);
}

/** Whether a request is `method` on exactly `path` (query aside). */
export function isRequest(request: IncomingMessage, method: string, path: string): boolean {
  return request.method === method && (request.url ?? '').split('?')[0] === path;
}
