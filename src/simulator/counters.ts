import { collectionByPath } from '../model';

/** What tests and benchmarks count: requests by "METHOD path" (object keys as {key}), logins, commits, rollbacks. */
export interface CounterSnapshot {
  requests: Record<string, number>;
  totalRequests: number;
  logins: number;
  commits: number;
  rollbacks: number;
}

export class Counters {
  private snapshot: CounterSnapshot = Counters.empty();

  static empty(): CounterSnapshot {
    return { requests: {}, totalRequests: 0, logins: 0, commits: 0, rollbacks: 0 };
  }

  request(method: string, path: string): void {
    const name = `${method} ${normalise(path)}`;
    this.snapshot.requests[name] = (this.snapshot.requests[name] ?? 0) + 1;
    this.snapshot.totalRequests++;
  }

  count(what: 'logins' | 'commits' | 'rollbacks'): void {
    this.snapshot[what]++;
  }

  read(): CounterSnapshot {
    return structuredClone(this.snapshot);
  }

  reset(): void {
    this.snapshot = Counters.empty();
  }
}

function normalise(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash > 0 && collectionByPath(path.slice(0, slash)) ? `${path.slice(0, slash)}/{key}` : path;
}
