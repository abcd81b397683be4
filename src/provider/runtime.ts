import type { ApplianceClient, Change, CommitCoordinator, SubmitOptions } from '../client';
import { LoginFailedError } from '../client/errors';
import type { Kind } from '../model';
import { DiagnosticsError, errorDiagnostic } from '../plugin/framework';
import { NameRegistry } from './names';

/**
 * What ConfigureProvider sets up and every resource and data source shares: one appliance client
 * (one session) and one commit coordinator per provider process, and what this process learned
 * from the appliance (names, referenced keys that exist), so each is asked once.
 */
export class ProviderRuntime {
  private connection: { client: ApplianceClient; coordinator: CommitCoordinator } | undefined;
  private readonly existingKeys = new Map<string, Promise<boolean>>();
  private connectionVerified: Promise<void> | undefined;
  private loginFailureShown = false;
  readonly names = new NameRegistry(() => this.client);
  /** Creates and updates planned in this process and not submitted yet (an apply plans each change right before applying it). */
  readonly plannedChanges = new PlannedChanges();
  /** Reads of a refresh started one RPC early (see ReadAhead). */
  private readonly readAhead = new ReadAhead();

  connect(client: ApplianceClient, coordinator: CommitCoordinator): void {
    this.connection = { client, coordinator };
  }

  get client(): ApplianceClient {
    return this.configured().client;
  }

  /** Every write of this process goes through here: from the first on, nothing read ahead is used (see ReadAhead). */
  submit<T>(change: Change<T>, options?: SubmitOptions): Promise<T> {
    this.readAhead.stop();
    return this.configured().coordinator.submit(change, options);
  }

  /**
   * Logs in once per process if nothing has yet, so that wrong credentials or TLS settings show in
   * the pull request's plan, not after the merge. Reuses the session a refresh already opened.
   * A failed login is thrown as `reported` says.
   */
  verifyConnection(): Promise<void> {
    this.connectionVerified ??= this.client.sessionGeneration().then(() => undefined);
    this.connectionVerified.catch(() => (this.connectionVerified = undefined));
    return this.connectionVerified.catch((error: unknown) => {
      throw this.reported(error);
    });
  }

  /**
   * The error as Terraform should show it. Every call after a failed login fails with the same
   * LoginFailedError (the session does not retry it): its reason is shown in full once per
   * process, which is once per provider configuration, and every other call points to it.
   */
  reported(error: unknown): unknown {
    if (!(error instanceof LoginFailedError)) return error;
    if (this.loginFailureShown) {
      return new DiagnosticsError([
        errorDiagnostic(
          'Not attempted: the login to SPS failed',
          'Nothing was sent to SPS for this: the provider\'s login failed, and it is not tried again in this run. The error "Login to SPS failed" says why.',
        ),
      ]);
    }
    this.loginFailureShown = true;
    const sentence = (text: string) => (/[.!?]$/.test(text) ? text : `${text}.`);
    const hint = error.hint ? ` ${sentence(error.hint[0].toUpperCase() + error.hint.slice(1))}` : '';
    return new DiagnosticsError([errorDiagnostic('Login to SPS failed', `Logging in to SPS at ${this.client.displayUrl} as ${error.account} failed: ${sentence(error.reason)}${hint}`)]);
  }

  /** Whether an object exists, asked once per process. */
  exists(kind: Kind, key: string): Promise<boolean> {
    return rememberUnlessFailed(this.existingKeys, objectId(kind, key), async () => (await this.client.get(kind, key)) !== null);
  }

  /** Terraform upgraded the state of this object: in a refresh, its read follows, so the GET starts now (see ReadAhead). */
  readAheadObject(kind: Kind, key: string): void {
    this.readAhead.start(objectId(kind, key), async () => this.client.get(kind, key));
  }

  /** A refresh's read of an object: what was read ahead for it, or a GET now; null if it does not exist. */
  async refreshObject(kind: Kind, key: string): Promise<Awaited<ReturnType<ApplianceClient['get']>>> {
    this.readAhead.refreshing();
    const ahead = await this.readAhead.take<Awaited<ReturnType<ApplianceClient['get']>>>(objectId(kind, key));
    return ahead !== undefined ? ahead : this.client.get(kind, key);
  }

  async close(): Promise<void> {
    if (!this.connection) return;
    const { client, coordinator } = this.connection;
    this.connection = undefined;
    await coordinator.idle();
    await client.close();
  }

  private configured(): { client: ApplianceClient; coordinator: CommitCoordinator } {
    if (!this.connection) throw new Error('The sps provider is not configured yet (Terraform calls ConfigureProvider first).');
    return this.connection;
  }
}

/**
 * In a refresh, Terraform calls UpgradeResourceState for an object and then, in the same slot of
 * its parallelism, ReadResource. The GET of that read is the refresh's longest wait, so once this
 * process has answered a ReadResource (it is refreshing), the upgrade starts the GET and the read
 * takes its answer, which overlaps the round trip with Terraform's own work between the two calls.
 * Never in a process that writes: from its first write on, nothing read ahead is used. A failed
 * read ahead is forgotten; the read then asks again and reports what that finds.
 */
export class ReadAhead {
  private enabled = false;
  private stopped = false;
  private readonly started = new Map<string, Promise<unknown>>();

  /** This process refreshes: read ahead from now on (unless it has written). */
  refreshing(): void {
    this.enabled = !this.stopped;
  }

  /** Starts `read` for `id` if this process is refreshing and it has not been started yet. */
  start(id: string, read: () => Promise<unknown>): void {
    if (!this.enabled || this.started.has(id)) return;
    const answer = read();
    answer.catch(() => this.started.get(id) === answer && this.started.delete(id));
    this.started.set(id, answer);
  }

  /** The answer read ahead for `id`, if any (each is used once); undefined when it failed or there is none. */
  async take<T>(id: string): Promise<T | undefined> {
    const answer = this.started.get(id) as Promise<T> | undefined;
    if (!answer) return undefined;
    this.started.delete(id);
    return answer.catch(() => undefined);
  }

  stop(): void {
    this.stopped = true;
    this.enabled = false;
    this.started.clear();
  }
}

/**
 * Changes planned in this process that have not reached the coordinator yet. In an apply,
 * Terraform plans each change right before its ApplyResourceChange, in the same parallelism slot,
 * so these are the calls in flight whose change is still on its way: an open group waits for them
 * (see CommitCoordinatorOptions.plannedChanges), woken by `onChange`.
 */
export class PlannedChanges {
  private count = 0;
  private listeners = new Set<() => void>();

  get pending(): number {
    return this.count;
  }

  planned(): void {
    this.count++;
    this.notify();
  }

  /** The change reached the coordinator, or its plan failed. */
  settled(): void {
    this.count = Math.max(0, this.count - 1);
    this.notify();
  }

  /** Calls `listener` on every change of the count; returns how to stop. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }
}

/** The answer kept under `id` for the rest of the process; a failed one is forgotten, so the next call asks again. */
/** An object's identity within this process: its collection and key. */
const objectId = (kind: Kind, key: string) => `${kind.path}/${key}`;

export function rememberUnlessFailed<T>(answers: Map<string, Promise<T>>, id: string, ask: () => Promise<T>): Promise<T> {
  let answer = answers.get(id);
  if (!answer) {
    answer = ask();
    answers.set(id, answer);
    answer.catch(() => answers.delete(id));
  }
  return answer;
}
