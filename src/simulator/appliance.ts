import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { type CollectionSpec, collections, embedReferences, MIN_CHOSEN_SECRET_LENGTH, PATHS } from '../model';
import { ApiError, decodeSegment, notFound } from './errors';
import {
  accountingOf,
  ACCOUNTING_PATH,
  type Configuration,
  initialConfiguration,
  integrityProblems,
  newKey,
  protectBuiltin,
  referrers,
  requireSpec,
  setAccounting,
  SINGLETONS,
  validateBody,
} from './config-store';
import { checkNewExtraFields, extrasSentAgain, mergeFields, unknownFields } from './extra-fields';
import { type SpsVersion, transactionStatus } from './firmware';
import { Counters } from './counters';
import { FaultInjector } from './faults';
import { type Session, SessionTable } from './sessions';
import { applySeed, type Seed } from './seed';
import { loadState, saveState } from './state-file';
import { TransactionManager } from './transactions';

export interface ApplianceOptions {
  users: ReadonlyArray<{ name: string; password: string }>;
  statePath?: string;
  sessionIdleSeconds: number;
  transactionIdleSeconds: number;
  maxSessionsPerUser: number;
  /** Approve new API clients at once (default false: they stay pending until approved). */
  autoApproveApiClients: boolean;
  /** The firmware whose documented differences the simulator reproduces. */
  spsVersion: SpsVersion;
  /** Objects to hold from the start; with statePath, only when the state file does not exist yet. */
  seed?: Seed;
}

export interface CommitRecord {
  readonly message: string | null;
  readonly user: string;
  readonly changes: number;
  readonly at: string;
}

/**
 * The simulated appliance's behaviour, independent of HTTP: configuration, sessions, the lock
 * and its transactions, API clients and their tokens, faults and counters.
 */
export class Appliance {
  committed: Configuration = initialConfiguration();
  readonly apiClientSecrets = new Map<string, string>();
  readonly counters = new Counters();
  readonly faults = new FaultInjector();
  readonly commitLog: CommitRecord[] = [];
  readonly sessions: SessionTable;
  readonly transactions: TransactionManager;
  /** Whether the seed was applied (not when a state file already held the configuration). */
  readonly seedApplied: boolean;
  private readonly users: Map<string, string>;

  get spsVersion(): SpsVersion {
    return this.options.spsVersion;
  }

  constructor(private readonly options: ApplianceOptions) {
    this.users = new Map(options.users.map((u) => [u.name, u.password]));
    this.sessions = new SessionTable(
      { idleTimeoutMs: options.sessionIdleSeconds * 1000, maxSessionsPerUser: options.maxSessionsPerUser },
      (session) => {
        // A session that ends takes its uncommitted changes with it.
        if (this.transactions.of(session)) this.rollback(session);
      },
    );
    this.transactions = new TransactionManager(options.transactionIdleSeconds * 1000, (transaction) => {
      this.counters.count('rollbacks');
      this.sessions.end(transaction.session.id);
    });
    const saved = options.statePath ? loadState(options.statePath) : undefined;
    if (saved) {
      for (const [path, objects] of Object.entries(saved.configuration)) this.committed.set(path, new Map(Object.entries(objects)));
      // Built-ins are the firmware's and read-only: an older simulator's copies give way to this one's, as after an upgrade.
      for (const spec of collections) for (const { key, body } of spec.builtins) this.committed.get(spec.path)?.set(key, structuredClone(body) as Record<string, unknown>);
      for (const [key, hash] of Object.entries(saved.apiClientSecrets)) this.apiClientSecrets.set(key, hash);
    } else if (options.seed) {
      // Committed configuration from the start (written to a new state file at once), but no commit a client made: not counted or logged.
      applySeed(this.committed, options.seed);
      this.persist();
    }
    this.seedApplied = !saved && options.seed !== undefined;
  }

  // ---- authentication --------------------------------------------------------------------

  login(user: string, password: string): Session {
    const expected = this.users.get(user);
    if (expected === undefined || !sameSecret(expected, password)) throw new ApiError(401, 'Unauthenticated', 'Invalid username or password.');
    this.counters.count('logins');
    return this.sessions.open(user);
  }

  checkUser(user: string, password: string): boolean {
    const expected = this.users.get(user);
    return expected !== undefined && sameSecret(expected, password);
  }

  /** Client-credentials grant: a token (a session of the client) limited to the granted scopes. */
  issueToken(clientId: string, secret: string, requested: string[]): { session: Session; scopes: string[] } {
    const entry = [...(this.committed.get(PATHS.apiClients) ?? [])].find(([, body]) => body.client_id === clientId);
    const hash = entry ? this.apiClientSecrets.get(entry[0]) : undefined;
    if (!entry || !hash || !sameSecret(hash, hashSecret(secret))) throw new ApiError(401, 'Unauthenticated', 'Invalid client credentials.');
    const [, body] = entry;
    if (body.status !== 'authorized') throw new ApiError(403, 'Unauthorized', `The API client "${String(body.name)}" is pending approval.`);
    const granted = body.scopes as string[];
    const scopes = requested.length > 0 ? requested : granted;
    const refused = scopes.filter((s) => !granted.includes(s));
    if (refused.length > 0) throw new ApiError(403, 'Unauthorized', `Scope not granted to this client: ${refused.join(', ')}.`, { scopes: refused });
    this.counters.count('logins');
    return { session: this.sessions.open(`client:${String(body.name)}`, scopes, entry[0]), scopes };
  }

  // ---- reads -----------------------------------------------------------------------------

  /** What a session sees: its own uncommitted changes, or the committed configuration. */
  view(session: Session): Configuration {
    return this.transactions.of(session)?.working ?? this.committed;
  }

  list(session: Session, path: string): string[] {
    const spec = requireSpec(path);
    return [...(this.view(session).get(spec.path)?.keys() ?? [])];
  }

  read(session: Session, path: string, key: string): Record<string, unknown> {
    const spec = requireSpec(path);
    const body = this.view(session).get(spec.path)?.get(key);
    if (!body) throw notFound(`${spec.path}/${key}`);
    const parsed = spec.schema.safeParse(withoutReadOnly(spec, body));
    // An object the model cannot read (see storeUnchecked) is answered as stored, as a newer firmware would.
    return parsed.success ? embedReferences(body, spec.references(parsed.data)) : { ...body };
  }

  // ---- changes (inside the session's transaction, opened on the first change) ---------

  create(session: Session, path: string, raw: unknown): { key: string; extras: Record<string, unknown> } {
    const spec = requireSpec(path);
    const transaction = this.transactions.begin(session, this.committed);
    const body = validateBody(spec, raw, transaction.working);
    const key = newKey();
    const extras: Record<string, unknown> = {};
    if (spec.path === PATHS.apiClients) {
      const clientId = randomUUID();
      // A secret the request chooses is taken (and never answered); otherwise the appliance makes one and shows it once.
      const chosen = chosenSecret(raw);
      const secret = chosen ?? randomBytes(32).toString('base64url');
      Object.assign(body, { client_id: clientId, status: this.options.autoApproveApiClients ? 'authorized' : 'pending' });
      this.pendingSecrets.set(key, hashSecret(secret));
      Object.assign(extras, { client_id: clientId, ...(chosen === undefined ? { client_secret: secret } : {}), status: body.status });
    }
    transaction.working.get(spec.path)!.set(key, body);
    transaction.changes.push({ type: 'create', path: `${spec.path}/${key}`, new_value: body });
    return { key, extras };
  }

  replace(session: Session, path: string, key: string, raw: unknown): void {
    const { spec, transaction, objects, old } = this.changeable(session, path, key);
    const validated = validateBody(spec, raw, transaction.working);
    // A PUT replaces the whole object: fields the model does not know survive only if it sends them again.
    const known = modelFields(spec, old);
    const body = mergeFields(validated, extrasSentAgain(unknownFields(old, known, spec.readOnlyFields), raw));
    for (const field of spec.readOnlyFields ?? []) if (field in old) body[field] = old[field];
    objects.set(key, body);
    transaction.changes.push({ type: 'replace', path: `${spec.path}/${key}`, old_value: old, new_value: body });
  }

  delete(session: Session, path: string, key: string): void {
    const { spec, transaction, objects, old } = this.changeable(session, path, key);
    const users = referrers(transaction.working, spec.path, key);
    if (users.length > 0) {
      throw new ApiError(409, 'ObjectInUse', `The ${spec.kind} ${key} is referenced by ${users.join(', ')} and cannot be deleted.`, { referenced_by: users });
    }
    objects.delete(key);
    transaction.changes.push({ type: 'delete', path: `${spec.path}/${key}`, old_value: old });
  }

  /** An existing, non-built-in object about to change, inside the session's transaction. */
  private changeable(session: Session, path: string, key: string) {
    const spec = requireSpec(path);
    protectBuiltin(spec, key);
    const transaction = this.transactions.begin(session, this.committed);
    const objects = transaction.working.get(spec.path)!;
    const old = objects.get(key);
    if (!old) throw notFound(`${spec.path}/${key}`);
    return { spec, transaction, objects, old };
  }

  // ---- transactions ----------------------------------------------------------------------

  openTransaction(session: Session): void {
    this.transactions.begin(session, this.committed);
  }

  transactionStatus(session: Session) {
    const mine = this.transactions.of(session);
    return transactionStatus(this.options.spsVersion, {
      open: mine !== undefined,
      commitLogRequired: accountingOf(this.view(session)).require_commitlog,
      remainingSeconds: mine ? this.transactions.remainingSeconds() : 0,
      changes: mine?.changes.length ?? 0,
    });
  }

  /** A singleton (see SINGLETONS) as the session sees it: its key and body. */
  readSingleton(session: Session, path: string): { key: string; body: Record<string, unknown> } {
    const { key } = SINGLETONS[path];
    return { key, body: structuredClone(this.view(session).get(path)!.get(key)!) };
  }

  /** Replaces a singleton inside the session's transaction: like any PUT, a field left out is removed. */
  replaceSingleton(session: Session, path: string, raw: unknown): void {
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw new ApiError(400, 'InvalidQuery', 'The request body must be a JSON object.');
    const { key } = SINGLETONS[path];
    const transaction = this.transactions.begin(session, this.committed);
    const objects = transaction.working.get(path)!;
    const old = objects.get(key);
    const body = structuredClone(raw) as Record<string, unknown>;
    objects.set(key, body);
    transaction.changes.push({ type: 'replace', path, old_value: old, new_value: body });
  }

  /** The accounting settings as the session sees them. */
  readAccounting(session: Session): { require_commitlog: boolean } {
    return accountingOf(this.view(session));
  }

  /** Changes the accounting settings inside the session's transaction. */
  changeAccounting(session: Session, raw: unknown): void {
    const fields = (raw ?? {}) as Record<string, unknown>;
    if (typeof fields.require_commitlog !== 'boolean') {
      throw new ApiError(400, 'InvalidQuery', 'Invalid accounting settings: require_commitlog must be true or false.', { errors: [{ path: 'require_commitlog', message: 'must be true or false' }] });
    }
    const transaction = this.transactions.begin(session, this.committed);
    const old = setAccounting(transaction.working, { require_commitlog: fields.require_commitlog });
    transaction.changes.push({ type: 'replace', path: ACCOUNTING_PATH, old_value: old, new_value: { require_commitlog: fields.require_commitlog } });
  }

  changes(session: Session) {
    return this.transactions.of(session)?.changes ?? [];
  }

  commit(session: Session, message: string | null): void {
    const transaction = this.transactions.of(session);
    if (!transaction) throw new ApiError(400, 'InvalidQuery', 'There is no open transaction to commit.');
    this.transactions.touch();
    if (this.faults.take('PUT', '/api/transaction', ['reject-commit'])) {
      throw new ApiError(400, 'CommitFailed', 'The appliance rejected the commit (injected fault); nothing was committed.');
    }
    if (message === null && accountingOf(transaction.working).require_commitlog) {
      throw new ApiError(400, 'CommitMessageRequired', 'The appliance requires a commit message (require_commitlog is set in the accounting settings).', {
        errors: [{ path: 'commit_message', message: 'is required' }],
      });
    }
    const problems = integrityProblems(transaction.working);
    if (problems.length > 0) throw new ApiError(400, 'CommitFailed', `The commit would break references: ${problems.join('; ')}`, { problems });
    this.transactions.close();
    this.committed = transaction.working;
    for (const change of transaction.changes) {
      const key = change.path.slice(change.path.lastIndexOf('/') + 1);
      if (change.type === 'create' && this.pendingSecrets.has(key)) this.apiClientSecrets.set(key, this.pendingSecrets.get(key)!);
      if (change.type === 'delete') this.apiClientSecrets.delete(key);
      if (change.path.startsWith(`${PATHS.apiClients}/`) && grantChanged(change)) this.sessions.revokeApiClient(key);
    }
    this.pendingSecrets.clear();
    this.counters.count('commits');
    this.commitLog.push({ message, user: session.user, changes: transaction.changes.length, at: new Date().toISOString() });
    this.persist();
  }

  rollback(session: Session): boolean {
    if (!this.transactions.of(session)) return false;
    this.transactions.close();
    this.pendingSecrets.clear();
    this.counters.count('rollbacks');
    return true;
  }

  /**
   * Gives a committed object fields the model does not know, as a newer firmware would (a test
   * control); an open transaction sees them too.
   */
  addExtraFields(objectPath: string, fields: unknown): void {
    const slash = objectPath.lastIndexOf('/');
    const spec = requireSpec(objectPath.slice(0, slash));
    const key = decodeSegment(objectPath.slice(slash + 1), objectPath);
    const stored = this.committed.get(spec.path)?.get(key);
    if (!stored) throw notFound(`${spec.path}/${key}`);
    checkNewExtraFields(fields, modelFields(spec, stored));
    const views = [this.committed, this.transactions.open?.working].filter((view): view is Configuration => view !== undefined);
    for (const view of views) {
      const objects = view.get(spec.path);
      const body = objects?.get(key);
      if (objects && body) objects.set(key, mergeFields(body, fields as Record<string, unknown>));
    }
    this.persist();
  }

  /**
   * Stores an object as no request could, unchecked by the model (a test control): a body of a
   * newer firmware (e.g. `allow: "group_based"`) or a key of an unexpected shape (e.g.
   * `../../transaction`), which list answers then carry. An open transaction sees it too.
   */
  storeUnchecked(collectionPath: string, key: string, body: Record<string, unknown>): void {
    const spec = requireSpec(collectionPath);
    const views = [this.committed, this.transactions.open?.working].filter((view): view is Configuration => view !== undefined);
    for (const view of views) view.get(spec.path)?.set(key, structuredClone(body));
    this.persist();
  }

  approveApiClient(key: string): void {
    const body = this.committed.get(PATHS.apiClients)?.get(key);
    if (!body) throw notFound(`${PATHS.apiClients}/${key}`);
    body.status = 'authorized';
    this.persist();
  }

  /** Another administrator (the web UI) takes the configuration lock. */
  holdLock(user: string): Session {
    const session = this.sessions.open(user);
    this.transactions.begin(session, this.committed);
    return session;
  }

  releaseLock(): void {
    const held = this.transactions.open;
    if (held) this.rollback(held.session);
  }

  private readonly pendingSecrets = new Map<string, string>();

  private persist(): void {
    if (this.options.statePath) saveState(this.options.statePath, this.committed, this.apiClientSecrets);
  }
}


/** The `client_secret` a create request chooses, if any (400 when it is too short to be a secret). */
function chosenSecret(raw: unknown): string | undefined {
  const value = (raw as Record<string, unknown> | null)?.client_secret;
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.length < MIN_CHOSEN_SECRET_LENGTH) {
    throw new ApiError(400, 'InvalidQuery', `Invalid API client: client_secret must be a string of at least ${MIN_CHOSEN_SECRET_LENGTH} characters.`, {
      errors: [{ path: 'client_secret', message: `must be at least ${MIN_CHOSEN_SECRET_LENGTH} characters` }],
    });
  }
  return value;
}

/** A deleted API client, or one whose scopes or groups changed: its tokens must stop working. */
function grantChanged(change: { type: string; old_value?: unknown; new_value?: unknown }): boolean {
  if (change.type === 'delete') return true;
  if (change.type !== 'replace') return false;
  const before = (change.old_value ?? {}) as Record<string, unknown>;
  const after = (change.new_value ?? {}) as Record<string, unknown>;
  return JSON.stringify([before.scopes, before.applies_to]) !== JSON.stringify([after.scopes, after.applies_to]);
}

/** The fields of a stored object that the model knows (read-only and unknown fields left out). */
function modelFields(spec: CollectionSpec<unknown>, body: Record<string, unknown>): Record<string, unknown> {
  return spec.schema.parse(withoutReadOnly(spec, body)) as Record<string, unknown>;
}

function withoutReadOnly(spec: CollectionSpec<unknown>, body: Record<string, unknown>): Record<string, unknown> {
  const copy = { ...body };
  for (const field of spec.readOnlyFields ?? []) delete copy[field];
  return copy;
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

function sameSecret(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

