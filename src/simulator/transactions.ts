import { ApiError } from './errors';
import { type Change, type Configuration, cloneConfiguration } from './config-store';
import type { Session } from './sessions';

/** An open transaction: the configuration lock, the working copy, and its changes. */
export interface Transaction {
  readonly session: Session;
  readonly working: Configuration;
  readonly changes: Change[];
  lastActivity: number;
}

/**
 * One global configuration lock, the same one the web UI takes: only one session may change
 * configuration at a time. Changes are made on a working copy and take effect on commit.
 */
export class TransactionManager {
  private current: Transaction | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly idleTimeoutMs: number,
    private readonly onIdleExpiry: (transaction: Transaction) => void,
  ) {}

  get open(): Transaction | undefined {
    return this.current;
  }

  of(session: Session): Transaction | undefined {
    return this.current?.session.id === session.id ? this.current : undefined;
  }

  /** Opens (or returns) the session's transaction; 409 when another session holds the lock. */
  begin(session: Session, committed: Configuration): Transaction {
    if (this.current && this.current.session.id !== session.id) {
      const holder = this.current.session.user;
      // remaining_seconds: when the lock goes if its holder stays idle (the simulator's choice to tell).
      throw new ApiError(409, 'LockedByOtherSession', `The configuration is locked by another session of user "${holder}".`, { holder, remaining_seconds: this.remainingSeconds() });
    }
    if (!this.current) this.current = { session, working: cloneConfiguration(committed), changes: [], lastActivity: Date.now() };
    this.touch();
    return this.current;
  }

  touch(): void {
    if (!this.current) return;
    this.current.lastActivity = Date.now();
    clearTimeout(this.timer);
    const transaction = this.current;
    this.timer = setTimeout(() => {
      if (this.current !== transaction) return;
      this.close();
      this.onIdleExpiry(transaction);
    }, this.idleTimeoutMs);
    this.timer.unref();
  }

  remainingSeconds(): number {
    if (!this.current) return 0;
    return Math.max(0, Math.round((this.current.lastActivity + this.idleTimeoutMs - Date.now()) / 1000));
  }

  close(): Transaction | undefined {
    const closed = this.current;
    this.current = undefined;
    clearTimeout(this.timer);
    return closed;
  }
}
