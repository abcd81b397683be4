/**
 * The only place the client tests touch the simulator's own API (start, faults, locks, counters),
 * so that a change there is absorbed here. Everything else in the tests speaks real HTTP.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ApplianceClient, type ApplianceClientOptions } from '../../src/client';
import { type SimulatorHandle, startSimulator } from '../../src/simulator';
import { collectingLogger } from './helpers';

export interface HarnessOptions {
  /** Serve HTTPS with a self-signed certificate; `caFile` then names its CA. */
  readonly tls?: boolean;
  /** One simulator per test (default: every test starts from a fresh appliance) or per suite. */
  readonly lifetime?: 'test' | 'suite';
}

/** A client whose log lines the test can read. */
export type TestClient = ApplianceClient & { readonly log: ReturnType<typeof collectingLogger> };

export interface Counters {
  readonly logins: number;
  readonly commits: number;
  readonly rollbacks: number;
  readonly requests: number;
  readonly byRoute: Record<string, number>;
}

/**
 * Starts a simulator before each test (or once per suite) and stops it, with every client the
 * test made, afterwards. Call it inside `describe`; the returned harness is usable in tests.
 */
export function useSimulator(options: HarnessOptions = {}): SimulatorHarness {
  const harness = new SimulatorHarness(options);
  const [before, after] = options.lifetime === 'suite' ? [beforeAll, afterAll] : [beforeEach, afterEach];
  before(() => harness.start());
  after(() => harness.close());
  return harness;
}

export class SimulatorHarness {
  private running: SimulatorHandle | undefined;
  private clients: ApplianceClient[] = [];
  /** The simulator's CA certificate as a file (TLS only), for `tls.caFile`. */
  caFile = '';

  constructor(private readonly options: HarnessOptions = {}) {}

  /** The simulator's base URL (e.g. to put a hostile front or a proxy before it). */
  get url(): string {
    return this.sim.url;
  }

  readonly faults = {
    serverErrors: async (o: { count: number; status: number; path?: string; method?: string }) => this.sim.injectFault({ kind: 'status', ...o }),
    tooManyRequests: async (o: { count: number; retryAfterSeconds: number; path?: string }) => this.sim.injectFault({ kind: 'retry-after', ...o }),
    dropConnections: async (o: { count: number; path?: string; method?: string }) => this.sim.injectFault({ kind: 'drop', ...o }),
    rejectCommits: async (o: { count: number }) => this.sim.injectFault({ kind: 'reject-commit', ...o }),
    /** Something that is not the appliance answers (`handled`: after the appliance handled the request). */
    impostorAnswers: async (o: { count: number; path: string; method: string; status: number; contentType: string; body: string; handled: boolean }) =>
      this.sim.injectFault({ kind: 'impostor', ...o }),
  };

  /** A client logged in as admin (lazily), with short retry delays and a collecting logger. */
  newClient(overrides: Partial<ApplianceClientOptions> = {}): TestClient {
    const logger = collectingLogger();
    const client = new ApplianceClient({
      url: this.sim.url,
      credentials: { kind: 'password', username: 'admin', password: 'admin' },
      retry: { maxAttempts: 4, initialDelayMs: 5, maxDelayMs: 20, maxRetryAfterMs: 3000 },
      logger,
      ...overrides,
    });
    this.clients.push(client);
    return Object.assign(client, { log: logger });
  }

  async counters(): Promise<Counters> {
    const snapshot = this.sim.counters();
    return { logins: snapshot.logins, commits: snapshot.commits, rollbacks: snapshot.rollbacks, requests: snapshot.totalRequests, byRoute: snapshot.requests };
  }

  /** Ends sessions (all, or one user's); returns how many were live. */
  async expireSessions(user?: string): Promise<number> {
    return this.sim.expireSessions(user);
  }

  /** Another administrator takes the configuration lock. */
  async holdLock(user: string): Promise<void> {
    this.sim.holdLock(user);
  }

  async releaseLock(): Promise<void> {
    this.sim.releaseLock();
  }

  /** A newer firmware (or an administrator in the web UI) gives a committed object fields the model does not know. */
  async addExtraFields(objectPath: string, fields: Record<string, unknown>): Promise<void> {
    this.sim.addExtraFields(objectPath, fields);
  }

  async lastCommitMessage(): Promise<string | null | undefined> {
    return this.sim.commits().at(-1)?.message;
  }

  async approveApiClient(key: string): Promise<void> {
    this.sim.approveApiClient(key);
  }

  async start(): Promise<void> {
    this.running = await startSimulator({ port: 0, log: false, ...(this.options.tls ? { tls: true } : {}) });
    if (this.running.caPem) {
      this.caFile = join(mkdtempSync(join(tmpdir(), 'sps-client-test-')), 'ca.pem');
      writeFileSync(this.caFile, this.running.caPem);
    }
  }

  async close(): Promise<void> {
    const clients = this.clients.splice(0);
    for (const client of clients) await client.close().catch(() => undefined);
    await this.running?.close();
    this.running = undefined;
    if (this.caFile) rmSync(dirname(this.caFile), { recursive: true, force: true });
    this.caFile = '';
  }

  private get sim(): SimulatorHandle {
    if (!this.running) throw new Error('the simulator is not running: call useSimulator() inside describe and use the harness inside tests');
    return this.running;
  }
}
