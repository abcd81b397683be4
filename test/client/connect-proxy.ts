/**
 * The pieces of a proxied network for the proxy tests: an HTTP CONNECT proxy that counts the
 * tunnels it opens and decides itself where a host name leads (so an appliance named by a host name
 * no resolver knows is reachable only through it), and a TLS endpoint for such a name in front of
 * the simulator, with its own CA.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { type AddressInfo, connect, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer as createTlsServer } from 'node:tls';
import { selfSignedCertificate } from '../../src/tls/self-signed-certificate';

export interface ConnectProxy {
  readonly url: string;
  /** The `host:port` of every CONNECT received, in order. */
  readonly connects: string[];
  /** Requests that were not CONNECT (a proxy used without a tunnel), as "METHOD url". */
  readonly plainRequests: string[];
  close(): Promise<void>;
}

/** A CONNECT proxy that tunnels `host:port` to the address `routes` gives it, and refuses any other. */
export async function startConnectProxy(routes: Record<string, { host: string; port: number }>): Promise<ConnectProxy> {
  const connects: string[] = [];
  const plainRequests: string[] = [];
  const server = createHttpServer((request, response) => {
    plainRequests.push(`${request.method} ${request.url}`);
    response.writeHead(502).end();
  });
  server.on('connect', (request, client: Socket, head: Buffer) => {
    const authority = request.url ?? '';
    connects.push(authority);
    const route = routes[authority];
    if (!route) {
      client.end('HTTP/1.1 502 Bad Gateway\r\n\r\n');
      return;
    }
    const upstream = connect(route.port, route.host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  const { url, close } = await listen(server, 'http');
  return { url, connects, plainRequests, close };
}

export interface TlsEndpoint {
  /** Where the proxy should send tunnels for the endpoint's host name. */
  readonly address: { host: string; port: number };
  /** A PEM file with the CA of the endpoint's certificate, for `ca_file`. */
  readonly caFile: string;
  close(): Promise<void>;
}

/** HTTPS for `hostname` (certificate for that name only), forwarding the decrypted bytes to the plain-HTTP simulator. */
export async function startTlsEndpoint(hostname: string, simulatorUrl: string): Promise<TlsEndpoint> {
  const certificate = selfSignedCertificate({ commonName: hostname, hosts: [hostname] });
  const dir = mkdtempSync(join(tmpdir(), 'sps-proxy-test-'));
  const caFile = join(dir, 'ca.pem');
  writeFileSync(caFile, certificate.certificatePem);
  const target = new URL(simulatorUrl);
  const server = createTlsServer({ key: certificate.privateKeyPem, cert: certificate.certificatePem }, (socket) => {
    const upstream = connect(Number(target.port), target.hostname);
    socket.pipe(upstream).pipe(socket);
    upstream.on('error', () => socket.destroy());
    socket.on('error', () => upstream.destroy());
  });
  const { port, close } = await listen(server, 'https');
  return {
    address: { host: '127.0.0.1', port },
    caFile,
    close: async () => {
      await close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function listen(server: Server, scheme: string): Promise<{ url: string; port: number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `${scheme}://127.0.0.1:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

const PROXY_VARIABLES = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy', 'NO_PROXY', 'no_proxy'] as const;

/**
 * Sets exactly the given proxy variables in this process (the client reads them when created),
 * clearing the others; returns a function that restores what was there.
 */
export function setProxyEnvironment(values: Partial<Record<(typeof PROXY_VARIABLES)[number], string>>): () => void {
  const saved = PROXY_VARIABLES.map((name) => [name, process.env[name]] as const);
  for (const name of PROXY_VARIABLES) {
    const value = values[name];
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  return () => {
    for (const [name, value] of saved) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  };
}
