import type { CollectionSpec } from '../model';
import type { ApplianceClient, RequestScope } from './appliance-client';
import {
  ApplianceError,
  CommitMessageRequiredError,
  ConnectionError,
  isLockedByOtherSession,
  lockHolder,
  lockRemainingSeconds,
  LockTimeoutError,
  TransactionLostError,
} from './errors';
import { type Logger, silentLogger } from './logger';
import { canonicalJson } from './lost-update';
import { collectionPath } from './paths';
import { backoffDelayMs, sleep } from './retry-policy';
import type { TransactionChange } from './wire-schemas';

export interface TransactionOptions {
  /** Sent with the commit; shown in the appliance's configuration history. */
  readonly commitMessage?: string;
  /** How long to wait while another session holds the configuration lock. */
  readonly lockTimeoutMs: number;
  /** Backoff between attempts to take the lock. */
  readonly lockRetryInitialDelayMs: number;
  readonly lockRetryMaxDelayMs: number;
  /** How often a lock wait is reported to `onLockProgress`. */
  readonly lockProgressIntervalMs?: number;
  /** Told about a lock wait as it goes (`done: false`) and once the lock is taken after waiting (`done: true`). */
  readonly onLockProgress?: (wait: LockWait) => void;
  /** Stops waiting for the lock and between commit attempts (Terraform's StopProvider). */
  readonly signal?: AbortSignal;
  readonly logger?: Logger;
  /** Counters the transaction adds to (the coordinator's, for budgets, logs and tests). */
  readonly stats?: TransactionStats;
}

/** A wait for the configuration lock: who holds it, and for how long the transaction has waited. */
export interface LockWait {
  readonly holder: string | undefined;
  readonly waitedMs: number;
  readonly done: boolean;
}

export interface TransactionStats {
  transactions: number;
  lockWaits: number;
  commits: number;
  rollbacks: number;
}

/** What one object should look like once the transaction is committed (body null: deleted). */
interface ExpectedObject {
  readonly collection: CollectionSpec;
  readonly key: string;
  readonly body: unknown | null;
}

/**
 * One SPS transaction, from opening it (taking the configuration lock, which the web UI takes
 * too) to its commit or rollback. Every request is tied to the session that opened it: the
 * appliance drops a transaction with its session, and sending on a new session would silently
 * start a second transaction with only part of the changes. It also remembers what its changes
 * wrote, so that a commit whose answer was lost can be checked against the appliance.
 */
export class Transaction {
  /** Ties each request to the session that opened the transaction (see RequestScope). */
  readonly requestScope: RequestScope;
  private readonly created = new Set<string>();
  private readonly expected = new Map<string, ExpectedObject>();
  /** What changes of this transaction learned once for all of them (e.g. the names of a collection). */
  private readonly memos = new Map<string, Promise<unknown>>();
  /** Checks of the transaction's change list, run once right before the commit (see beforeCommit). */
  private readonly checks: Array<{ readonly run: (changes: readonly TransactionChange[]) => Promise<void>; readonly optional: boolean }> = [];
  private finished = false;

  private constructor(
    private readonly client: ApplianceClient,
    generation: number,
    private readonly options: TransactionOptions,
    private readonly logger: Logger,
  ) {
    this.requestScope = { transactionGeneration: generation };
  }

  /**
   * Opens a transaction. While another session holds the lock, waits with backoff up to the lock
   * timeout, then fails with LockTimeoutError naming the holder.
   */
  static async open(client: ApplianceClient, options: TransactionOptions): Promise<Transaction> {
    const logger = options.logger ?? silentLogger;
    const started = Date.now();
    const progressEvery = options.lockProgressIntervalMs ?? 10_000;
    let lastHolder: string | undefined;
    let nextProgress = progressEvery;
    for (let attempt = 1; ; attempt++) {
      let transaction: Transaction;
      try {
        transaction = new Transaction(client, await Transaction.openOnce(client), options, logger);
      } catch (error) {
        if (!(error instanceof ApplianceError) || !isLockedByOtherSession(error)) throw error;
        const holder = lockHolder(error);
        lastHolder = holder;
        const waited = Date.now() - started;
        if (waited >= nextProgress) {
          options.onLockProgress?.({ holder, waitedMs: waited, done: false });
          nextProgress = waited + progressEvery;
        }
        if (waited >= options.lockTimeoutMs) {
          throw new LockTimeoutError(holder, waited, { cause: error, ownUser: holder !== undefined && holder === client.loginName, remainingSeconds: lockRemainingSeconds(error) });
        }
        const delay = Math.min(
          backoffDelayMs(attempt, { initialDelayMs: options.lockRetryInitialDelayMs, maxDelayMs: options.lockRetryMaxDelayMs }),
          options.lockTimeoutMs - waited,
        );
        if (options.stats) options.stats.lockWaits++;
        logger.info(`the SPS configuration lock is held by ${holder ?? 'another session'}; waiting`, { waitedMs: waited, delayMs: delay });
        await sleep(delay, options.signal);
        continue;
      }
      if (options.stats) options.stats.transactions++;
      if (attempt > 1) options.onLockProgress?.({ holder: lastHolder, waitedMs: Date.now() - started, done: true });
      try {
        await transaction.requireCommitMessageIfNeeded();
      } catch (error) {
        // No change has used this transaction yet: give the lock back now rather than at the idle timeout.
        await transaction.rollback().catch(() => undefined);
        throw error;
      }
      return transaction;
    }
  }

  /**
   * When the appliance requires a commit log (accounting's require_commitlog, shown as
   * `commit_message: "required"` in the transaction's status) and no message is configured, every
   * commit would be refused: give up now, before any change is written (the caller rolls back). Asked once per client.
   */
  private async requireCommitMessageIfNeeded(): Promise<void> {
    if (this.options.commitMessage) return;
    const requirement = await this.client.commitMessageRequirement(this.requestScope);
    if (requirement === 'required') throw new CommitMessageRequiredError();
  }

  /** One attempt to open: returns the generation of the session the transaction belongs to. */
  private static async openOnce(client: ApplianceClient): Promise<number> {
    const generation = await client.sessionGeneration();
    const scope = { transactionGeneration: generation };
    try {
      await client.openTransaction(scope);
    } catch (error) {
      // A retried open whose first attempt went through finds the transaction already open.
      if (!(error instanceof ApplianceError) || isLockedByOtherSession(error) || error.status >= 500) throw error;
      if ((await client.transactionStatus(scope)).status !== 'open') throw error;
    }
    return generation;
  }

  /** `compute()`'s answer, asked once per transaction under `id` (a failed one is asked again). */
  memo<T>(id: string, compute: () => Promise<T>): Promise<T> {
    let answer = this.memos.get(id) as Promise<T> | undefined;
    if (!answer) {
      answer = compute();
      this.memos.set(id, answer);
      answer.catch(() => this.memos.delete(id));
    }
    return answer;
  }

  /** `compute()`'s answer if a change of this transaction has asked for it already, else undefined. */
  memoized<T>(id: string): Promise<T> | undefined {
    return this.memos.get(id) as Promise<T> | undefined;
  }

  /**
   * Runs `check` with the transaction's change list right before the commit, in the order given:
   * one request for every change of the group. A check that throws stops the commit (the
   * coordinator rolls back); it may also write, to correct a change before it is committed. An
   * `optional` check runs only when another one has the list asked for.
   */
  beforeCommit(check: (changes: readonly TransactionChange[]) => Promise<void>, options: { optional?: boolean } = {}): void {
    this.checks.push({ run: check, optional: options.optional === true });
  }

  /** Records a write of a change: the object's body after the commit, or null for a delete. */
  recordWrite(collection: CollectionSpec, key: string, body: unknown | null): void {
    this.expected.set(`${collectionPath(collection)}/${key}`, { collection, key, body });
  }

  /** Records an object this transaction created (or claimed after a lost create answer). */
  recordCreate(collection: CollectionSpec, key: string, body: unknown | null): void {
    this.created.add(`${collectionPath(collection)}/${key}`);
    this.recordWrite(collection, key, body);
  }

  /** Whether the object at `path` was created by this transaction, so a lost create answer is matched only against strangers. */
  createdHere(path: string): boolean {
    return this.created.has(path);
  }

  /**
   * Commits. The commit has an outcome of its own (see ApplianceClient.commit): committed, refused
   * with the appliance's reason, or unknown (a lost answer, a 5xx, an answer that is not the
   * appliance's). An unknown outcome is never taken for a success: the transaction's status
   * decides. Still open: the commit did not arrive, so it is sent again (within the client's
   * retry bounds). Closed: `verify` reads back whether its changes are on the appliance.
   */
  async commit(): Promise<void> {
    const checks = this.checks.splice(0);
    if (checks.some((check) => !check.optional)) {
      const changes = await this.client.transactionChanges(this.requestScope);
      for (const check of checks) await check.run(changes);
    }
    const retry = this.client.retryOptions;
    for (let attempt = 1; ; attempt++) {
      const answer = await this.client.commit(this.options.commitMessage, this.requestScope);
      if (answer.outcome === 'committed') break;
      if (answer.outcome === 'rejected') throw answer.error;
      const status = await this.client.transactionStatus(this.requestScope);
      if (status.status === 'closed') {
        if (!(await this.verify())) {
          throw new TransactionLostError(`the commit's outcome was unknown (${answer.reason}) and its changes are not on the appliance: nothing was committed`);
        }
        this.logger.info('the answer to a commit was lost, but the transaction is closed and its changes are committed', { reason: answer.reason });
        break;
      }
      if (attempt >= retry.maxAttempts) {
        throw new ConnectionError('PUT', '/api/transaction', undefined, `the commit was sent ${attempt} times without an answer from the appliance (${answer.reason}); the transaction is still open, so nothing was committed`, {
          cause: answer.cause,
        });
      }
      this.logger.warn('the commit did not go through and the transaction is still open: committing again', { attempt, reason: answer.reason });
      await sleep(backoffDelayMs(attempt, retry), this.options.signal);
    }
    this.finished = true;
    if (this.options.stats) this.options.stats.commits++;
  }

  /**
   * Whether every write of this transaction is visible in the committed configuration: the check
   * after a commit whose answer was lost. Commits are atomic, so all visible means committed.
   */
  async verify(): Promise<boolean> {
    for (const { collection, key, body } of this.expected.values()) {
      const current = await this.client.get(collection, key);
      if (body === null ? current !== null : current === null || !sameBody(collection, body, current.body)) return false;
    }
    return true;
  }

  /**
   * Rolls back, releasing the lock. A transaction whose session has ended is gone already, and one
   * that was committed or rolled back has nothing left to roll back.
   */
  async rollback(): Promise<void> {
    if (this.finished) return;
    try {
      await this.client.rollbackTransaction(this.requestScope);
      this.finished = true;
      if (this.options.stats) this.options.stats.rollbacks++;
    } catch (error) {
      if (error instanceof TransactionLostError) return;
      throw error;
    }
  }
}

function sameBody(collection: CollectionSpec, expected: unknown, actual: unknown): boolean {
  const normalized = collection.schema.safeParse(expected);
  return canonicalJson(normalized.success ? normalized.data : expected) === canonicalJson(actual);
}
