import type { ApplianceClient } from './appliance-client';
import { ChangeCancelledError, SpsClientError, TransactionLostError } from './errors';
import { type Logger, silentLogger } from './logger';
import { type LockWait, Transaction, type TransactionStats } from './transaction';
import { TransactionScope } from './transaction-scope';

export interface CommitCoordinatorOptions {
  /** Sent with every commit (e.g. the pull-request URL from CI); shown in the appliance's history. */
  readonly commitMessage?: string;
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
   * Terraform's calls in flight whose change is on its way (in the provider: planned in this
   * process, not submitted yet). Given this, the coordinator follows Terraform's parallelism
   * slots: an open group waits for every change on its way, and for the slots its last commit
   * freed to be taken by new calls (Terraform starts the next change as soon as a call returns),
   * so that Terraform's parallel calls share one commit however busy the machine is. Without it,
   * a group commits what is queued and what arrives while its transaction is open.
   */
  readonly plannedChanges?: ChangesOnTheirWay;
  /**
   * Safety net for a stuck Terraform (default 10 s): a group that waited this long for a change on
   * its way, with no call arriving or settling meanwhile, commits without it and logs a warning.
   */
  readonly stuckAfterMs?: number;
}

/** A count of changes on their way and a way to hear of every change of it. */
export interface ChangesOnTheirWay {
  readonly pending: number;
  /** Calls `listener` whenever `pending` changes; returns how to stop. */
  onChange(listener: () => void): () => void;
}

/** Terraform's silence before it fills a freed slot, assumed until one is seen, and the least assumed ever (ms). */
const INITIAL_REFILL_SILENCE_MS = 50;
const MIN_REFILL_SILENCE_MS = 25;
/** A group waits for freed slots to be filled this many times the longest silence seen recently. */
const REFILL_PATIENCE = 4;
/** Per commit, how much of an earlier cycle's longest silence is still remembered. */
const REFILL_SILENCE_DECAY = 0.8;

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
 * requests. A group takes the changes queued when it starts, then every change that arrives while
 * its transaction is open, and commits once no more can join it: no change on its way, and the
 * slots its last commit freed filled again (see CommitCoordinatorOptions.plannedChanges).
 * Terraform's parallel calls share one commit, so an apply of N objects at parallelism P costs
 * about N/P commits instead of N, however busy the machine is. A change resolves
 * only after its commit succeeded; a change the appliance refuses fails alone; a failed commit
 * is rolled back and its members are re-applied one by one so that only the culprit fails. No
 * transaction is left open.
 */
export class CommitCoordinator {
  private readonly queue: Member[] = [];
  private draining: Promise<void> | undefined;
  private readonly options: Required<Omit<CommitCoordinatorOptions, 'commitMessage' | 'signal' | 'logger' | 'plannedChanges'>>;
  private readonly logger: Logger;
  /** Wakes a group waiting for changes on their way when one arrives. */
  private readonly arrivals = new Set<() => void>();
  /** Changes on their way that a group gave up waiting for (stuck): not waited for again. */
  private writtenOff = 0;
  /** Calls our commits answered whose slot Terraform has not filled with a new change yet. */
  private freedSlots = 0;
  /** Freed slots a group stopped waiting for: expected again once a change arrives that no freed slot accounts for. */
  private abandonedSlots = 0;
  private readonly pace = new RefillPace();
  /** Counters for budgets, logs and tests. */
  readonly stats: TransactionStats = { commits: 0, rollbacks: 0, transactions: 0, lockWaits: 0 };

  constructor(
    private readonly client: ApplianceClient,
    private readonly settings: CommitCoordinatorOptions = {},
  ) {
    this.logger = settings.logger ?? silentLogger;
    this.options = {
      stuckAfterMs: settings.stuckAfterMs ?? 10_000,
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
      this.slotFilled();
      this.pace.arrival();
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
      if (this.settings.signal?.aborted) return this.dropQueued();
      await this.runGroup(this.queue.splice(0, this.options.maxGroupSize), { joinable: true });
    }
  }

  /** Changes announced (planned) and not submitted yet, less those a group gave up on as stuck. */
  private onTheirWay(): number {
    const pending = this.settings.plannedChanges?.pending ?? 0;
    this.writtenOff = Math.min(this.writtenOff, pending);
    return pending - this.writtenOff;
  }

  /**
   * Adds queued changes to an open group; when none is queued, waits while changes are on their
   * way or freed slots may still be filled, woken by arrivals and settlings (never polled).
   * Returns false when the group is complete: full, stopped, nothing more expected, or nothing
   * moved for long enough. A change on its way always comes (it is planned: its apply follows in
   * the same slot), so waiting for one ends only at stuckAfterMs (logged; not waited for again).
   * A freed slot stays empty when Terraform has no change ready: at the end of the apply, or when
   * what remains depends on this group's changes, which cannot start before its commit returns;
   * so freed slots are waited for only a few of Terraform's recent refill silences (RefillPace).
   */
  private async join(group: Member[]): Promise<boolean> {
    for (;;) {
      const room = this.options.maxGroupSize - group.length;
      if (room <= 0 || this.settings.signal?.aborted) return false;
      if (this.queue.length > 0) {
        group.push(...this.queue.splice(0, room));
        return true;
      }
      const onTheirWay = this.onTheirWay();
      if (onTheirWay === 0 && this.freedSlots === 0) return false;
      const waited = Date.now();
      const patienceMs = onTheirWay > 0 ? this.options.stuckAfterMs : Math.min(this.options.stuckAfterMs, this.pace.patienceMs);
      if (await this.nextEvent(patienceMs)) {
        this.pace.silence(Date.now() - waited);
        continue;
      }
      if (onTheirWay > 0) {
        this.writtenOff += onTheirWay;
        this.logger.warn(`committing without ${onTheirWay} change(s) that Terraform planned but has not applied for ${patienceMs / 1000} s`, { changes: group.length });
      } else {
        this.pace.gaveUp(waited);
        this.logger.debug('Terraform started no change in the slots the last commit freed; committing', { changes: group.length, freedSlots: this.freedSlots, waitedMs: patienceMs });
      }
      this.abandonedSlots += this.freedSlots;
      this.freedSlots = 0;
      return false;
    }
  }

  /** Resolves true on the next arrival, change on its way settling or abort; false after `timeoutMs` without any. */
  private nextEvent(timeoutMs: number): Promise<boolean> {
    return new Promise<boolean>((resolve) => {
      const finish = (moved: boolean) => {
        clearTimeout(timer);
        this.arrivals.delete(done);
        stopListening?.();
        this.settings.signal?.removeEventListener('abort', done);
        resolve(moved);
      };
      const done = () => finish(true);
      const timer = setTimeout(() => finish(false), timeoutMs);
      this.arrivals.add(done);
      const stopListening = this.settings.plannedChanges?.onChange(done);
      this.settings.signal?.addEventListener('abort', done, { once: true });
    });
  }

  /**
   * Runs one group to the end; never throws (every member is settled). A `joinable` group takes
   * in the changes that arrive while its transaction is open.
   */
  private async runGroup(group: Member[], { joinable }: { joinable: boolean }): Promise<void> {
    let lastError: unknown;
    for (let restart = 0; restart <= this.options.maxSessionRestarts; restart++) {
      if (group.every((member) => member.settled)) return;
      try {
        await this.runInOneTransaction(group, joinable);
        return;
      } catch (error) {
        lastError = error;
        if (!(error instanceof TransactionLostError) || this.settings.signal?.aborted) break;
        this.logger.warn('the SPS session ended during a transaction; nothing was committed, applying the group again on a new session', {
          changes: group.filter((member) => !member.settled).length,
        });
      }
    }
    for (const member of group) this.fail(member, this.settings.signal?.aborted ? new ChangeCancelledError() : lastError);
  }

  /**
   * One transaction for the group's unsettled members (and, if `joinable`, those that join it,
   * appended to `group`). Throws (after rolling back) only for what concerns the whole group: the
   * lock, the session, the network; member-specific failures settle that member.
   */
  private async runInOneTransaction(group: Member[], joinable: boolean): Promise<void> {
    const transaction = await Transaction.open(this.client, {
      commitMessage: this.settings.commitMessage,
      lockTimeoutMs: this.options.lockTimeoutMs,
      lockRetryInitialDelayMs: this.options.lockRetryInitialDelayMs,
      lockRetryMaxDelayMs: this.options.lockRetryMaxDelayMs,
      lockProgressIntervalMs: this.options.lockProgressIntervalMs,
      onLockProgress: (wait) => this.reportLockWait(group, wait),
      signal: this.settings.signal,
      logger: this.logger,
      stats: this.stats,
    });
    const outcomes: Outcome[] = [];
    try {
      for (let next = 0; next < group.length || (joinable && (await this.join(group))); next++) {
        const member = group[next];
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
            return this.runInOneTransaction(group, joinable);
          }
        }
      }
      this.logger.debug('group complete', { changes: outcomes.length, queued: this.queue.length, onTheirWay: this.onTheirWay(), freedSlots: this.freedSlots });
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
        for (const outcome of outcomes) await this.runGroup([outcome.member], { joinable: false });
        return;
      }
      for (const outcome of outcomes) this.succeed(outcome);
      this.pace.cycle();
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
    this.slotFreed();
    outcome.member.resolve(outcome.value);
  }

  private fail(member: Member, error: unknown): void {
    if (member.settled) return;
    member.settled = true;
    this.slotFreed();
    member.reject(error instanceof Error ? error : new SpsClientError(String(error)));
  }

  /** Following Terraform's slots: the call returns, and Terraform starts its next change in that slot (if it has one ready). */
  private slotFreed(): void {
    if (this.settings.plannedChanges) this.freedSlots++;
  }

  /**
   * A change arrived in a freed slot. One that no freed slot accounts for shows that Terraform is
   * still filling slots a group stopped waiting for (it was only slow): they are expected again.
   */
  private slotFilled(): void {
    if (this.freedSlots > 0) this.freedSlots--;
    else if (this.abandonedSlots > 0) [this.freedSlots, this.abandonedSlots] = [this.abandonedSlots - 1, 0];
  }
}

/**
 * How long Terraform takes to fill the slots a commit freed, learned while groups wait: the longest
 * silence before one of its calls in this commit cycle and, fading, in earlier ones. A wait given
 * up on that the next call proves too short counts with its full length.
 */
class RefillPace {
  private earlier = INITIAL_REFILL_SILENCE_MS;
  private current = 0;
  private gaveUpAt: number | undefined;

  /** How long a group waits for freed slots to be filled before it concludes that Terraform has no change ready. */
  get patienceMs(): number {
    return REFILL_PATIENCE * Math.max(this.earlier, this.current);
  }

  silence(ms: number): void {
    this.current = Math.max(this.current, ms);
  }

  gaveUp(waitingSince: number): void {
    this.gaveUpAt = waitingSince;
  }

  arrival(): void {
    if (this.gaveUpAt === undefined) return;
    this.silence(Date.now() - this.gaveUpAt);
    this.gaveUpAt = undefined;
  }

  /** A commit: the cycle's longest silence joins the fading memory of earlier ones. */
  cycle(): void {
    this.earlier = Math.max(MIN_REFILL_SILENCE_MS, this.current, this.earlier * REFILL_SILENCE_DECAY);
    this.current = 0;
  }
}

/** A signal that fires when any of the given ones does. */
function combineSignals(...signals: Array<AbortSignal | undefined>): AbortSignal | undefined {
  const present = signals.filter((signal): signal is AbortSignal => signal !== undefined);
  if (present.length <= 1) return present[0];
  return AbortSignal.any(present);
}
