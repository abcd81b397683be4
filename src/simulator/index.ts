import { writeFileSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { selfSignedCertificate } from '../tls/self-signed-certificate';
import { Appliance, type CommitRecord } from './appliance';
import type { CounterSnapshot } from './counters';
import type { FaultSpec } from './faults';
import { DEFAULT_SPS_VERSION, type SpsVersion } from './firmware';
import { loadSeed } from './seed';
import { answerClientError, requestHandler } from './server';

export type { CounterSnapshot } from './counters';
export type { FaultSpec } from './faults';
export type { CommitRecord } from './appliance';
export { DEFAULT_SPS_VERSION, isSpsVersion, SPS_VERSIONS, type SpsVersion } from './firmware';

const KEEP_ALIVE_MS = 125_000;

export interface SimulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  /** Persist committed configuration here (atomically); omitted: memory only. */
  statePath?: string;
  /**
   * A YAML or JSON file of objects to hold from the start, `{"<collection path>": [{"key"?, …body}]}`
   * (docs/guides/simulator.md). With statePath, applied only when the state file does not exist yet.
   */
  seed?: string;
  /** Serve HTTPS with a self-signed certificate (SAN localhost, 127.0.0.1). */
  tls?: boolean;
  /** With tls: write the certificate (its own CA) here, for clients to trust. */
  caOut?: string;
  /** Simulator users, default admin:admin. */
  users?: Array<{ name: string; password: string }>;
  /** Idle timeout of sessions (default 1200 s, the appliance's 20 minutes). */
  sessionIdleSeconds?: number;
  /** Idle timeout of an open transaction (default 600 s). */
  transactionIdleSeconds?: number;
  maxSessionsPerUser?: number;
  autoApproveApiClients?: boolean;
  /** The firmware to behave like: "6.9", "7.0" (default) or "7.5" (docs/guides/simulator.md). */
  spsVersion?: SpsVersion;
  /** Where request log lines go (default stderr); `false` for none. */
  log?: ((line: string) => void) | false;
}

export interface SimulatorHandle {
  readonly url: string;
  /** The CA certificate (PEM) when serving TLS. */
  readonly caPem?: string;
  close(): Promise<void>;
  counters(): CounterSnapshot;
  resetCounters(): void;
  injectFault(fault: FaultSpec): void;
  clearFaults(): void;
  /** Another administrator takes the configuration lock (an empty open transaction). */
  holdLock(user: string): void;
  releaseLock(): void;
  /** Ends every session, or one user's (for API clients: "client:<name>"). */
  expireSessions(user?: string): number;
  approveApiClient(key: string): void;
  /** Gives a committed object (by its path, e.g. "/api/configuration/policies/userlists/KEY") fields the model does not know, as a newer firmware would. */
  addExtraFields(objectPath: string, fields: Record<string, unknown>): void;
  /**
   * Stores an object unchecked by the model, as no request could: a newer firmware's body (e.g. a
   * user list with `allow: "group_based"`) or a key of an unexpected shape (e.g. "../../transaction"),
   * which list answers then carry. For tests of what the provider and the export do with them.
   */
  storeUnchecked(collectionPath: string, key: string, body: Record<string, unknown>): void;
  commits(): readonly CommitRecord[];
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<SimulatorHandle> {
  const log = options.log === false ? () => undefined : (options.log ?? ((line: string) => process.stderr.write(`sps-simulator: ${line}\n`)));
  const appliance = new Appliance({
    seed: options.seed === undefined ? undefined : loadSeed(options.seed),
    users: options.users ?? [{ name: 'admin', password: 'admin' }],
    statePath: options.statePath,
    sessionIdleSeconds: options.sessionIdleSeconds ?? 1200,
    transactionIdleSeconds: options.transactionIdleSeconds ?? 600,
    maxSessionsPerUser: options.maxSessionsPerUser ?? 5,
    autoApproveApiClients: options.autoApproveApiClients ?? false,
    spsVersion: options.spsVersion ?? DEFAULT_SPS_VERSION,
  });
  if (options.seed !== undefined && !appliance.seedApplied) log(`seed ${options.seed} not applied: ${options.statePath} already holds the configuration`);
  const handler = requestHandler(appliance, log);
  let server: Server;
  let caPem: string | undefined;
  if (options.tls) {
    const certificate = selfSignedCertificate({ commonName: 'sps-simulator', hosts: ['localhost', '127.0.0.1', '::1'] });
    caPem = certificate.certificatePem;
    if (options.caOut) writeFileSync(options.caOut, caPem);
    server = createHttpsServer({ key: certificate.privateKeyPem, cert: certificate.certificatePem }, (req, res) => void handler(req, res));
  } else {
    server = createHttpServer((req, res) => void handler(req, res));
  }
  // Node's default keep-alive timeout (5 s) races with clients that reuse an idle connection: undici
  // keeps one up to 4 s (with timers that may fire late), Go 90 s, curl 118 s, and a client whose
  // event loop is blocked cannot see the close at all; a request sent as the server closes dies
  // with EPIPE or ECONNRESET. The server keeps idle connections longer than those clients, so the
  // client is the one that closes them (undici follows the "Keep-Alive: timeout" hint sent here).
  server.keepAliveTimeout = KEEP_ALIVE_MS;
  server.on('clientError', answerClientError);
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `${options.tls ? 'https' : 'http'}://${host.includes(':') ? `[${host}]` : host}:${port}`;
  return {
    url,
    caPem,
    close: () =>
      new Promise<void>((resolve) => {
        appliance.transactions.close();
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
    counters: () => appliance.counters.read(),
    resetCounters: () => appliance.counters.reset(),
    injectFault: (fault) => appliance.faults.inject(fault),
    clearFaults: () => appliance.faults.clear(),
    holdLock: (user) => void appliance.holdLock(user),
    releaseLock: () => appliance.releaseLock(),
    expireSessions: (user) => appliance.sessions.expire(user),
    approveApiClient: (key) => appliance.approveApiClient(key),
    addExtraFields: (objectPath, fields) => appliance.addExtraFields(objectPath, fields),
    storeUnchecked: (collectionPath, key, body) => appliance.storeUnchecked(collectionPath, key, body),
    commits: () => [...appliance.commitLog],
  };
}
