import { randomBytes } from 'node:crypto';

/** A login: a cookie session of a user, or a bearer token of an API client (both count against the session limit). */
export interface Session {
  readonly id: string;
  readonly user: string;
  readonly createdAt: number;
  lastSeen: number;
  /** Bearer tokens carry the scopes they were granted; cookie sessions may do everything. */
  readonly scopes?: readonly string[];
  /** The API client a bearer token was issued to (its key), so that changing or deleting the client revokes it. */
  readonly apiClientKey?: string;
  /** What changes from a browser must send in the X-Token header (SPS 7.5). */
  readonly xToken: string;
}

export interface SessionOptions {
  idleTimeoutMs: number;
  maxSessionsPerUser: number;
}

/**
 * Live sessions: idle ones end after the timeout, and a user's sixth login ends their oldest
 * session, the limit appliance token guides describe for HTTPS sessions.
 */
export class SessionTable {
  private readonly sessions = new Map<string, Session>();

  constructor(
    private readonly options: SessionOptions,
    private readonly onEnd: (session: Session) => void,
  ) {}

  open(user: string, scopes?: readonly string[], apiClientKey?: string): Session {
    const mine = [...this.sessions.values()].filter((s) => s.user === user && this.alive(s)).sort((a, b) => a.createdAt - b.createdAt);
    while (mine.length >= this.options.maxSessionsPerUser) this.end(mine.shift()!.id);
    const now = Date.now();
    const session: Session = { id: randomBytes(24).toString('base64url'), user, createdAt: now, lastSeen: now, scopes, apiClientKey, xToken: randomBytes(16).toString('hex') };
    this.sessions.set(session.id, session);
    return session;
  }

  /** The live session with this id, touched; expired ones are ended on the way. */
  use(id: string | undefined): Session | undefined {
    if (!id) return undefined;
    const session = this.sessions.get(id);
    if (!session) return undefined;
    if (!this.alive(session)) {
      this.end(id);
      return undefined;
    }
    session.lastSeen = Date.now();
    return session;
  }

  end(id: string): void {
    const session = this.sessions.get(id);
    if (!session) return;
    this.sessions.delete(id);
    this.onEnd(session);
  }

  /** Ends the tokens issued to an API client (it was deleted, or its scopes or groups changed). */
  revokeApiClient(key: string): number {
    const victims = [...this.sessions.values()].filter((s) => s.apiClientKey === key);
    for (const session of victims) this.end(session.id);
    return victims.length;
  }

  /** Ends every session, or a user's. Returns how many ended. */
  expire(user?: string): number {
    const victims = [...this.sessions.values()].filter((s) => user === undefined || s.user === user);
    for (const session of victims) this.end(session.id);
    return victims.length;
  }

  private alive(session: Session): boolean {
    return Date.now() - session.lastSeen < this.options.idleTimeoutMs;
  }
}
