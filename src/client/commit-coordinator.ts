import type { ApplianceClient } from './appliance-client';
import { ChangeCancelledError, SpsClientError, TransactionLostError } from './errors';
import { type Logger, silentLogger } from './logger';
import { type LockWait, Transaction, type TransactionStats } from './transaction';
import { TransactionScope } from './transaction-scope';

export interface CommitCoordinatorOptions {
  /** Sent with every commit (e.g. the pull-request URL from CI); shown in the appliance's history. */
  readonly commitMessage?: string;
  /** The first group closes once no change has arrived for this long (default 30 ms). */
  readonly gatherWindowMs?: number;
  /**
   * Longest wait for a group to fill (default 1 s; in practice only an apply's last group waits it
   * out). After the first group, a group waits for as many changes as the largest group so far,
   * because Terraform refills the slots a commit frees.
   */
  readonly maxGatherMs?: number;
  /** Most changes in one transaction (default 50), so one slow group cannot grow without bound. */
  readonly maxGroupSize?: number;
  /** How long to wait while another session holds the configuration lock (default 120 s). */
  readonly lockTimeoutMs?: number;
  /** Backoff between attempts to take the lock (defaults 250 ms doubling to 5 s). */
  readonly lockRetryInitialDelayMs?: number;
  readonly lockRetryMaxDelayMs?: number;
  /** How often a lock wait reports who holds the lock (default 10 s). */
  readonly lockProgressIntervalMs?: number;
  /** Restarts of a group whose session ended mid-transaction (default 2). */
  readonly maxSessionRestarts?: number;
  /**
   * Terraform's StopProvider (Ctrl-C), or the end of the process: every wait ends (the gathering,
   * the lock, backoffs), changes not yet committed are rolled back and fail, and no commit is sent
   * after it. A commit already sent is left to finish: its answer decides what happened.
   */
  readonly signal?: AbortSignal;
  readonly logger?: Logger;
  /**
   * Changes on their way (planned in this process, not submitted yet): the first group waits for
   * them (up to maxGatherMs) instead of closing at the first pause, because a change still
   * checking its references would otherwise miss the group's commit.
   */
  readonly plannedChanges?: { readonly pending: number; onChange(listener: () => void): () => void };
}

export interface SubmitOptions {
  /** Cancels this change only (same rules as the coordinator's signal). */
  readonly signal?: AbortSignal;
  /** Names the change in logs, e.g. "create sps_user_list.admins". */
  readonly description?: string;
  /** Told what the user should know although the change went through (e.g. a long wait for the lock). */
  readonly onWarning?: (message: string) => void;
}

/** A change: its writes go through the transaction-scoped handle; it may read there too. */
export type Change<T> = (tx: TransactionScope) => Promise<T>;

interface Member {
  readonly change: Change<unknown>;
  readonly options: SubmitOptions;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
  settled: boolean;
}

interface Outcome {
  readonly member: Member;
  readonly value: unknown;
  readonly writes: number;
}

/**
 * Group commit. Every write of the provider process goes through `submit`, because only one
 * session at a time may change the appliance's configuration and each commit costs a round of
 * requests. Changes arriving together — within the gathering window, or while a commit is in
 * flight — share one Transaction and one commit, so an apply of N objects at parallelism 10
 * costs about N/10 commits instead of N. A change resolves only after its commit succeeded; a
 * change the appliance refuses fails alone; a failed commit is rolled back and its members are
 * re-applied one by one so that only the culprit fails. No transaction is left open.
 */
export class CommitCoordinator {
  private readonly queue: Member[] = [];
  private draining: Promise<void> | undefined;
  /** The largest group so far: roughly Terraform's parallelism, once it has been reached. */
  private largestGroup = 0;
  private readonly options: Required<Omit<CommitCoordinatorOptions, 'commitMessage' | 'signal' | 'logger' | 'plannedChanges'>>;
  private readonly logger: Logger;
  /** Wakes the gathering when a change arrives. */
  private readonly arrivals = new Set<() => void>();
  /** Counters for budgets, logs and tests. */
  readonly stats: TransactionStats = { commits: 0, rollbacks: 0, transactions: 0, lockWaits: 0 };

  constructor(
    private readonly client: ApplianceClient,
    private readonly settings: CommitCoordinatorOptions = {},
  ) {
    this.logger = settings.logger ?? silentLogger;
    this.options = {
      gatherWindowMs: settings.gatherWindowMs ?? 30,
      maxGatherMs: settings.maxGatherMs ?? 1000,
      maxGroupSize: settings.maxGroupSize ?? 50,
      lockTimeoutMs: settings.lockTimeoutMs ?? 120_000,
      lockRetryInitialDelayMs: settings.lockRetryInitialDelayMs ?? 250,
      lockRetryMaxDelayMs: settings.lockRetryMaxDelayMs ?? 5_000,
      lockProgressIntervalMs: settings.lockProgressIntervalMs ?? 10_000,
      maxSessionRestarts: settings.maxSessionRestarts ?? 2,
    };
    settings.signal?.addEventListener('abort', () => this.dropQueued(), { once: true });
  }

  /**
   * Runs `change` inside the next group's transaction; resolves with its result once the commit
   * succeeded, rejects with its own error (or the commit's, if it alone made the commit fail).
   */
  submit<T>(change: Change<T>, options: SubmitOptions = {}): Promise<T> {
    if (this.cancelled(options)) return Promise.reject(new ChangeCancelledError());
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ change, options, resolve: resolve as (value: unknown) => void, reject, settled: false });
      for (const wake of this.arrivals) wake();
      this.schedule();
    });
  }

  /** Resolves when nothing is queued or running (provider shutdown waits for this before logging out). */
  async idle(): Promise<void> {
    while (this.draining) await this.draining;
  }

  private schedule(): void {
    if (this.draining) return;
    this.draining = this.drain().finally(() => {
      this.draining = undefined;
      if (this.queue.length > 0) this.schedule();
    });
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      await this.gather();
      if (this.settings.signal?.aborted) return this.dropQueued();
      const group = this.queue.splice(0, this.options.maxGroupSize);
      if (group.length === 0) continue;
      this.largestGroup = Math.max(this.largestGroup, group.length);
      await this.runGroup(group);
    }
  }

  /**
   * Waits for the next group to fill. Terraform applies with a fixed parallelism and starts a new
   * change each time one returns, so after a commit releases K changes about K new ones follow,
   * spread out by Terraform's own bookkeeping: waiting for them keeps groups (and commits) at
   * about N / parallelism. The first group closes when arrivals pause and no planned change is
   * on its way; none waits longer than maxGatherMs. Woken by arrivals, never polled.
   */
  private async gather(): Promise<void> {
    const started = Date.now();
    let lastArrival = started;
    let seen = this.queue.length;
    for (;;) {
      if (this.queue.length !== seen) {
        seen = this.queue.length;
        lastArrival = Date.now();
      }
      const now = Date.now();
      const onTheirWay = this.settings.plannedChanges?.pending ?? 0;
      const quietFor = now - lastArrival;
      if (this.largestGroup > 0 ? seen >= Math.min(this.largestGroup, this.options.maxGroupSize) : quietFor >= this.options.gatherWindowMs && onTheirWay === 0) return;
      if (now - started >= this.options.maxGatherMs || this.settings.signal?.aborted) return;
      // Wake on the next arrival, on a planned change settling, at the end of the quiet window, or at the deadline.
      const untilQuiet = this.largestGroup === 0 && onTheirWay === 0 ? this.options.gatherWindowMs - quietFor : Infinity;
      await this.nextEvent(Math.min(untilQuiet, this.options.maxGatherMs - (now - started)));
    }
  }

  private nextEvent(timeoutMs: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.arrivals.delete(done);
        stopListening?.();
        this.settings.signal?.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, Math.max(1, timeoutMs));
      this.arrivals.add(done);
      const stopListening = this.settings.plannedChanges?.onChange(done);
      this.settings.signal?.addEventListener('abort', done, { once: true });
    });
  }

  /** Runs one group to the end; never throws (every member is settled). */
  private async runGroup(group: Member[]): Promise<void> {
    let lastError: unknown;
    for (let restart = 0; restart <= this.options.maxSessionRestarts; restart++) {
      const pending = group.filter((member) => !member.settled);
      if (pending.length === 0) return;
      try {
        await this.runInOneTransaction(pending);
        return;
      } catch (error) {
        lastError = error;
        if (!(error instanceof TransactionLostError) || this.settings.signal?.aborted) break;
        this.logger.warn('the SPS session ended during a transaction; nothing was committed, applying the group again on a new session', {
          changes: pending.length,
        });
      }
    }
    for (const member of group) this.fail(member, this.settings.signal?.aborted ? new ChangeCancelledError() : lastError);
  }

  /**
   * One transaction for `members`. Throws (after rolling back) only for what concerns the whole
   * group: the lock, the session, the network; member-specific failures settle that member.
   */
  private async runInOneTransaction(members: Member[]): Promise<void> {
    const transaction = await Transaction.open(this.client, {
      commitMessage: this.settings.commitMessage,
      lockTimeoutMs: this.options.lockTimeoutMs,
      lockRetryInitialDelayMs: this.options.lockRetryInitialDelayMs,
      lockRetryMaxDelayMs: this.options.lockRetryMaxDelayMs,
      lockProgressIntervalMs: this.options.lockProgressIntervalMs,
      onLockProgress: (wait) => this.reportLockWait(members, wait),
      signal: this.settings.signal,
      logger: this.logger,
      stats: this.stats,
    });
    const outcomes: Outcome[] = [];
    try {
      for (const member of members) {
        if (member.settled) continue;
        if (this.cancelled(member.options)) {
          this.fail(member, new ChangeCancelledError());
          continue;
        }
        const tx = new TransactionScope(this.client, transaction, combineSignals(this.settings.signal, member.options.signal));
        try {
          outcomes.push({ member, value: await member.change(tx), writes: tx.writes });
        } catch (error) {
          if (error instanceof TransactionLostError) throw error;
          this.fail(member, error);
          if (tx.writes > 0) {
            // Its partial writes are in the transaction: start over without it.
            this.logger.info('a change failed after writing; rolling back and applying the others again', { change: member.options.description });
            await transaction.rollback();
            return this.runInOneTransaction(members.filter((m) => !m.settled));
          }
        }
      }
      if (!outcomes.some((outcome) => outcome.writes > 0)) {
        await transaction.rollback();
        for (const outcome of outcomes) this.succeed(outcome);
        return;
      }
      if (this.settings.signal?.aborted) {
        // Stopped before the commit was sent: nothing new reaches the appliance.
        await transaction.rollback();
        for (const outcome of outcomes) this.fail(outcome.member, new ChangeCancelledError('Terraform was interrupted before the change was committed; it was rolled back'));
        return;
      }
      try {
        await transaction.commit();
      } catch (commitError) {
        if (commitError instanceof TransactionLostError) throw commitError;
        await transaction.rollback();
        if (outcomes.length === 1 || this.settings.signal?.aborted) {
          for (const outcome of outcomes) this.fail(outcome.member, commitError);
          return;
        }
        this.logger.warn('the commit failed; applying each change of the group on its own to find the culprit', {
          changes: outcomes.length,
          error: String(commitError),
        });
        for (const outcome of outcomes) await this.runGroup([outcome.member]);
        return;
      }
      for (const outcome of outcomes) this.succeed(outcome);
    } catch (error) {
      await transaction.rollback().catch((rollbackError: unknown) =>
        this.logger.error('rolling back the SPS transaction failed; it will expire on the appliance', { error: String(rollbackError) }),
      );
      throw error;
    }
  }

  /** A lock wait, told to the log as it goes and, once it is over, to every change that waited. */
  private reportLockWait(members: Member[], wait: LockWait): void {
    const holder = wait.holder ? `"${wait.holder}"` : 'another session';
    const waited = Math.round(wait.waitedMs / 1000);
    if (!wait.done) {
      this.logger.warn(`still waiting for the SPS configuration lock, held by ${holder}: ${waited} s so far (lock_timeout ${Math.round(this.options.lockTimeoutMs / 1000)} s)`);
      return;
    }
    const message = `Waited ${waited} s for the SPS configuration lock, held by ${holder} (e.g. an administrator in the web UI, or another pipeline).`;
    for (const member of members) member.options.onWarning?.(message);
  }

  private cancelled(options: SubmitOptions): boolean {
    return this.settings.signal?.aborted === true || options.signal?.aborted === true;
  }

  private dropQueued(): void {
    for (const member of this.queue.splice(0)) this.fail(member, new ChangeCancelledError());
  }

  private succeed(outcome: Outcome): void {
    if (outcome.member.settled) return;
    outcome.member.settled = true;
    outcome.member.resolve(outcome.value);
  }

  private fail(member: Member, error: unknown): void {
    if (member.settled) return;
    member.settled = true;
    member.reject(error instanceof Error ? error : new SpsClientError(String(error)));
  }
}

/** A signal that fires when any of the given ones does. */
function combineSignals(...signals: Array<AbortSignal | undefined>): AbortSignal | undefined {
  const present = signals.filter((signal): signal is AbortSignal => signal !== undefined);
  if (present.length <= 1) return present[0];
  return AbortSignal.any(present);
}
