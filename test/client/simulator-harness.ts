/**
 * The only place the client tests touch the simulator's own API (start, faults, locks, counters),
 * so that a change there is absorbed here. Everything else in the tests speaks real HTTP.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApplianceClient, type ApplianceClientOptions } from '../../src/client';
import { collectingLogger } from './helpers';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type SimulatorModule = { startSimulator: (options: Record<string, unknown>) => Promise<any> };

function loadSimulator(): SimulatorModule | undefined {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const module = require('../../src/simulator') as Partial<SimulatorModule>;
    return typeof module.startSimulator === 'function' ? (module as SimulatorModule) : undefined;
  } catch {
    return undefined;
  }
}

const simulator = loadSimulator();

/** The integration suites run only once src/simulator exports startSimulator. */
export const describeWithSimulator = simulator ? describe : describe.skip;


export type Harness = Awaited<ReturnType<typeof startHarness>>;

export async function startHarness(options: { tls?: boolean } = {}) {
  if (!simulator) throw new Error('src/simulator is not available');
  const sim = await simulator.startSimulator({ port: 0, log: false, ...(options.tls ? { tls: true } : {}) });
  let caFile = '';
  if (sim.caPem) {
    caFile = join(mkdtempSync(join(tmpdir(), 'sps-client-test-')), 'ca.pem');
    writeFileSync(caFile, sim.caPem);
  }
  const clients: ApplianceClient[] = [];
  return {
    sim,
    url: sim.url as string,
    caFile,
    newClient(overrides: Partial<ApplianceClientOptions> = {}) {
      const logger = collectingLogger();
      const client = new ApplianceClient({
        url: sim.url,
        credentials: { kind: 'password', username: 'admin', password: 'admin' },
        retry: { maxAttempts: 4, initialDelayMs: 5, maxDelayMs: 20, maxRetryAfterMs: 3000 },
        logger,
        ...overrides,
      });
      clients.push(client);
      return Object.assign(client, { log: logger });
    },
    counters: async () => {
      const snapshot = sim.counters();
      return { logins: snapshot.logins, commits: snapshot.commits, rollbacks: snapshot.rollbacks, requests: snapshot.totalRequests, byRoute: snapshot.requests as Record<string, number> };
    },
    /** Ends sessions (all, or one user's); returns how many were live. */
    expireSessions: async (user?: string): Promise<number> => sim.expireSessions(user),
    holdLock: async (user: string) => sim.holdLock(user),
    releaseLock: async () => sim.releaseLock(),
    lastCommitMessage: async (): Promise<string | null | undefined> => sim.commits().at(-1)?.message,
    approveApiClient: async (key: string) => sim.approveApiClient(key),
    faults: {
      serverErrors: async (o: { count: number; status: number; path?: string; method?: string }) => sim.injectFault({ kind: 'status', ...o }),
      tooManyRequests: async (o: { count: number; retryAfterSeconds: number; path?: string }) => sim.injectFault({ kind: 'retry-after', ...o }),
      dropConnections: async (o: { count: number; path?: string; method?: string }) => sim.injectFault({ kind: 'drop', ...o }),
      rejectCommits: async (o: { count: number }) => sim.injectFault({ kind: 'reject-commit', ...o }),
    },
    async close() {
      for (const client of clients) await client.close().catch(() => undefined);
      await sim.close();
    },
  };
}
