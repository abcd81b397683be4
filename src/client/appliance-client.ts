import { setMaxListeners } from 'node:events';
import { PACKAGE_VERSION } from '../version';
import { type CollectionSpec, type FieldIssue, fieldIssues as zodFieldIssues, describeIssues } from '../model';
import { urlForMessages } from './base-url';
import { AmbiguousCreateError, ApplianceError, ConnectionError, RequestTimeoutError, traceLongErrorAnswer, TransactionLostError, UnexpectedResponseError } from './errors';
import { HttpTransport, type HttpRequest, type HttpResponse, type TlsOptions } from './http-transport';
import { type Logger, silentLogger } from './logger';
import { collectionPath, objectPath } from './paths';
import { SecretRedactor } from './redaction';
import {
  backoffDelayMs,
  classifyNetworkError,
  DEFAULT_RETRY_OPTIONS,
  errorCode,
  isRetryableStatus,
  parseRetryAfterMs,
  type RetryOptions,
  sleep,
} from './retry-policy';
import { type ActiveSession, type Credentials, SessionManager } from './session';
import {
  createResponse,
  errorResponse,
  fieldIssuesFromDetails,
  listResponse,
  objectResponse,
  type TransactionChange,
  transactionChangesResponse,
  transactionResponse,
} from './wire-schemas';

export interface ApplianceClientOptions {
  /** Base URL, e.g. "https://sps.example.com". */
  readonly url: string;
  readonly credentials: Credentials;
  readonly tls?: TlsOptions;
  /** Retry policy for idempotent requests; tests pass small delays. */
  readonly retry?: Partial<RetryOptions>;
  readonly logger?: Logger;
  /** Keep-alive connections to the appliance (default 8). */
  readonly connections?: number;
  /** Time one attempt of a request may take in all: connecting, headers and body (default 60 s). */
  readonly requestTimeoutMs?: number;
  /** Identifies the program to the appliance (default `sps-iac/<version>`); never a browser's. */
  readonly userAgent?: string;
  /**
   * Terraform's StopProvider: requests in flight and backoffs end at once (a commit or rollback
   * already sent is left to finish).
   */
  readonly stopSignal?: AbortSignal;
}

/** An object as read from the appliance. */
export interface ApplianceObject<Body> {
  readonly key: string;
  /** The body parsed with the collection's model schema: references as bare keys, read-only fields removed. */
  readonly body: Body;
  /** Fields the appliance sets itself (the spec's readOnlyFields, e.g. an API client's client_id, status). */
  readonly readOnly: Readonly<Record<string, unknown>>;
  /** The body as the appliance returned it, fields the model does not know included (an update keeps them). */
  readonly raw: Readonly<Record<string, unknown>>;
}

/**
 * An object read leniently: its raw body always, the parsed one only when it matches the model.
 * For objects the provider only lists (names, lookups, export): one object of a newer firmware's
 * shape must not block every other object of its kind.
 */
export interface LenientObject<Body> {
  readonly key: string;
  readonly raw: Readonly<Record<string, unknown>>;
  readonly body: Body | undefined;
  /** Why the body does not match the model, when it does not. */
  readonly problem: string | undefined;
}

/** What a create returns: the new key, plus what only the create response carries (e.g. client_secret). */
export interface CreatedObject {
  readonly key: string;
  readonly extras: Readonly<Record<string, unknown>>;
}

/** What became of a commit, as far as its answer tells. */
export type CommitAnswer =
  | { readonly outcome: 'committed' }
  /** The appliance refused it and said why; nothing was committed. */
  | { readonly outcome: 'rejected'; readonly error: ApplianceError }
  /** No answer that settles it: the transaction's status must be read. */
  | { readonly outcome: 'unknown'; readonly reason: string; readonly cause?: unknown };

export interface TransactionInfo {
  readonly status: 'open' | 'closed';
  /** Whether a commit needs a message: "required" when the appliance requires a commit log (newer guides), else "optional" or absent. */
  readonly commitMessage: string | undefined;
  readonly remainingSeconds: number | undefined;
}

/**
 * Per-call context. `transactionGeneration` ties a request to the session that opened the
 * transaction: if that session has been replaced, sending on the new one would silently start a
 * second transaction with only part of the changes, so the request fails with TransactionLostError.
 */
export interface RequestScope {
  readonly signal?: AbortSignal;
  readonly transactionGeneration?: number;
}

/** How a request may be repeated after a failure. */
type RetryKind = 'idempotent' | 'create';

interface CallOptions {
  readonly body?: unknown;
  readonly retry: RetryKind;
  readonly scope?: RequestScope;
  /** Statuses returned to the caller instead of raised (e.g. 404 for get); `any`: every answer. */
  readonly accept?: readonly number[] | 'any';
  /** Not cut short by the client's stop signal (a commit or a rollback in flight must get its answer). */
  readonly uninterruptible?: boolean;
}

const TRANSACTION_PATH = '/api/transaction';

/**
 * The SPS configuration REST API for one provider process: one keep-alive pool, one lazily
 * created session shared by every caller, retries for what is safe to repeat, and zod-checked
 * responses. It only dispatches requests: what a transaction does when its lock is taken or its
 * commit answer is lost is decided by Transaction. Writes are meant to go through the
 * CommitCoordinator, which wraps them in a transaction; reads (plan, refresh, data sources) call
 * this directly and never open one.
 */
export class ApplianceClient {
  private readonly transport: HttpTransport;
  private readonly sessions: SessionManager;
  private readonly retry: RetryOptions;
  private readonly logger: Logger;
  private readonly redactor = new SecretRedactor();
  private readonly stopSignal: AbortSignal | undefined;
  /** HTTP requests sent by this process, logins included (for budgets and tests). */
  requestCount = 0;
  /**
   * Whether this appliance's transaction change list shows what each replace and delete replaced
   * (`old_value`), so that an update can be checked for lost updates from that list before the
   * commit instead of reading the object first (see TransactionScope.replaceIfUnchanged). Unknown
   * until a transaction that read its objects first has compared; false for good once it did not match.
   */
  private changeListOldValues: boolean | undefined;

  get changeListShowsOldValues(): boolean {
    return this.changeListOldValues === true;
  }

  /** Whether the change list is still to be compared with reads (see changeListShowsOldValues). */
  get changeListUntested(): boolean {
    return this.changeListOldValues === undefined;
  }

  /** What a comparison of the change list with a read showed. */
  noteChangeListOldValue(matched: boolean): void {
    if (!matched) this.changeListOldValues = false;
    else this.changeListOldValues ??= true;
  }
  /** The appliance's base URL as messages show it (without user:password@). */
  readonly displayUrl: string;

  private readonly credentials: Credentials;

  constructor(options: ApplianceClientOptions) {
    this.credentials = options.credentials;
    this.displayUrl = urlForMessages(options.url);
    this.stopSignal = options.stopSignal;
    // Every request in flight listens to it (and stops listening when it ends): Terraform's parallelism is more than Node's warning threshold of 10.
    if (options.stopSignal) setMaxListeners(0, options.stopSignal);
    this.logger = options.logger ?? silentLogger;
    this.retry = { ...DEFAULT_RETRY_OPTIONS, ...options.retry };
    this.transport = new HttpTransport({
      url: options.url,
      tls: options.tls,
      logger: this.logger,
      connections: options.connections,
      requestTimeoutMs: options.requestTimeoutMs,
      userAgent: options.userAgent ?? `sps-iac/${PACKAGE_VERSION}`,
    });
    this.sessions = new SessionManager(options.credentials, (request) => this.sendWithRetries(request, 'idempotent'), this.logger, this.redactor);
  }

  /** The user name this client logs in as (password login), e.g. to recognise a lock held by an earlier run. */
  get loginName(): string | undefined {
    return this.credentials.kind === 'password' ? this.credentials.username : undefined;
  }

  /**
   * Whether commits need a message ("required" when the appliance requires a commit log), from the
   * status of the open transaction; asked once per client.
   */
  commitMessageRequirement(scope: RequestScope): Promise<string | undefined> {
    this.commitRequirement ??= this.transactionStatus(scope).then((status) => status.commitMessage);
    this.commitRequirement.catch(() => (this.commitRequirement = undefined));
    return this.commitRequirement;
  }

  private commitRequirement: Promise<string | undefined> | undefined;

  /** Logins performed so far by this process (at most 1 unless the session expired). */
  get loginCount(): number {
    return this.sessions.loginCount;
  }

  /** The live session's generation, logging in if needed; a Transaction ties its requests to it. */
  async sessionGeneration(): Promise<number> {
    return (await this.sessions.current()).generation;
  }

  /** The bounds of request retries; a Transaction repeats a commit within the same bounds. */
  get retryOptions(): RetryOptions {
    return this.retry;
  }

  // ---- reads -------------------------------------------------------------------------------

  /** Keys of every object in a collection (one request). */
  async list(collection: CollectionSpec, scope?: RequestScope): Promise<string[]> {
    const path = collectionPath(collection);
    const response = await this.call('GET', path, { retry: 'idempotent', scope });
    const parsed = listResponse.safeParse(response.json);
    if (!parsed.success) throw this.unexpected('GET', path, response, 'its body is not an SPS list');
    return parsed.data.items.map((item) => item.key);
  }

  /** One object, or null if it does not exist (one request, so refreshing N objects costs N requests). */
  async get<Body>(collection: CollectionSpec<Body>, key: string, scope?: RequestScope): Promise<ApplianceObject<Body> | null> {
    const path = objectPath(collection, key);
    const response = await this.call('GET', path, { retry: 'idempotent', scope, accept: [404] });
    if (response.status === 404) return null;
    const parsed = objectResponse.safeParse(response.json);
    if (!parsed.success) throw this.unexpected('GET', path, response, 'its body is not an SPS object');
    return { key: parsed.data.key, ...this.parseBody(collection, parsed.data.body, 'GET', path, response.status) };
  }

  /** One object, or null if it does not exist, parsed leniently (see LenientObject). */
  async getLenient<Body>(collection: CollectionSpec<Body>, key: string, scope?: RequestScope): Promise<LenientObject<Body> | null> {
    const path = objectPath(collection, key);
    const response = await this.call('GET', path, { retry: 'idempotent', scope, accept: [404] });
    if (response.status === 404) return null;
    const parsed = objectResponse.safeParse(response.json);
    if (!parsed.success) throw this.unexpected('GET', path, response, 'its body is not an SPS object');
    const raw = parsed.data.body;
    const body = collection.schema.safeParse(raw);
    return {
      key: parsed.data.key,
      raw,
      body: body.success ? body.data : undefined,
      problem: body.success ? undefined : describeIssuesWithValues(zodFieldIssues(body.error), raw),
    };
  }

  // ---- writes (normally through a TransactionScope) ----------------------------------------

  /**
   * POSTs a new object. Never retried once it may have reached the appliance: a lost answer
   * raises AmbiguousCreateError (TransactionScope.create resolves that from the transaction's changes).
   */
  async create<Body>(collection: CollectionSpec<Body>, body: Body, scope?: RequestScope): Promise<CreatedObject> {
    const path = collectionPath(collection);
    const response = await this.call('POST', path, { body, retry: 'create', scope });
    const parsed = createResponse.safeParse(response.json);
    if (!parsed.success) throw this.unexpected('POST', path, response, 'its body has no key of the new object');
    const { key, meta: _meta, body: nested, ...topLevel } = parsed.data;
    return { key, extras: { ...(nested ?? {}), ...topLevel } };
  }

  /** PUTs the whole object (fields left out are removed on the appliance). */
  async replace<Body>(collection: CollectionSpec<Body>, key: string, body: Body, scope?: RequestScope): Promise<void> {
    await this.call('PUT', objectPath(collection, key), { body, retry: 'idempotent', scope });
  }

  /** Deletes an object; an object already gone counts as deleted (a retried DELETE may find it so). */
  async delete(collection: CollectionSpec, key: string, scope?: RequestScope): Promise<void> {
    await this.call('DELETE', objectPath(collection, key), { retry: 'idempotent', scope, accept: [404] });
  }

  // ---- transactions (the raw endpoints; Transaction decides how to use them) ----------------

  /**
   * POST /api/transaction: opens a transaction explicitly, taking the configuration lock (409
   * LockedByOtherSession if another session holds it). The SPS REST API Reference Guide requires a
   * body or Content-Length: 0 here, else 411.
   */
  async openTransaction(scope?: RequestScope): Promise<void> {
    await this.call('POST', TRANSACTION_PATH, { body: '', retry: 'idempotent', scope });
  }

  async transactionStatus(scope?: RequestScope): Promise<TransactionInfo> {
    const response = await this.call('GET', TRANSACTION_PATH, { retry: 'idempotent', scope });
    const parsed = transactionResponse.safeParse(response.json);
    if (!parsed.success) throw this.unexpected('GET', TRANSACTION_PATH, response, 'its body is not an SPS transaction');
    return {
      status: parsed.data.body.status,
      commitMessage: parsed.data.body.commit_message ?? undefined,
      remainingSeconds: parsed.data.meta?.remaining_seconds ?? undefined,
    };
  }

  async transactionChanges(scope?: RequestScope): Promise<TransactionChange[]> {
    const path = `${TRANSACTION_PATH}/changes`;
    const response = await this.call('GET', path, { retry: 'idempotent', scope });
    const parsed = transactionChangesResponse.safeParse(response.json);
    if (!parsed.success) throw this.unexpected('GET', path, response, 'its body is not a list of transaction changes');
    return parsed.data;
  }

  /**
   * PUT /api/transaction {"status":"commit"}: sent once (repeated only when it certainly never
   * left), because committing twice is not harmless. Its answer is judged strictly: committed only
   * when the appliance's own JSON says the transaction is closed; refused when the appliance says
   * why (4xx with its error); anything else (a lost answer, a 5xx, an HTML page from a proxy or a
   * captive portal) is an unknown outcome, which Transaction.commit resolves by reading back.
   */
  async commit(message: string | undefined, scope: RequestScope): Promise<CommitAnswer> {
    const body = message === undefined ? { status: 'commit' } : { status: 'commit', commit_message: message };
    let response: HttpResponse;
    try {
      response = await this.call('PUT', TRANSACTION_PATH, { body, retry: 'create', scope, accept: 'any', uninterruptible: true });
    } catch (error) {
      if (error instanceof TransactionLostError) throw error;
      return { outcome: 'unknown', reason: error instanceof Error ? error.message : String(error), cause: error };
    }
    if (response.status >= 200 && response.status < 300) {
      const parsed = transactionResponse.safeParse(response.json);
      if (parsed.success && parsed.data.body.status === 'closed') return { outcome: 'committed' };
      return { outcome: 'unknown', reason: `the answer to the commit (${response.status}, ${this.describeBody(response)}) is not the appliance's answer to a commit` };
    }
    const error = this.applianceError('PUT', TRANSACTION_PATH, response);
    if (response.status < 500 && !(error instanceof UnexpectedResponseError)) return { outcome: 'rejected', error };
    return { outcome: 'unknown', reason: error.message, cause: error };
  }

  /** DELETE /api/transaction: rolls back (releasing the lock); a transaction already gone counts as rolled back. */
  async rollbackTransaction(scope?: RequestScope): Promise<void> {
    await this.call('DELETE', TRANSACTION_PATH, { retry: 'idempotent', scope, accept: [404], uninterruptible: true });
  }

  /** Logs out and closes the connection pool (provider shutdown). */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.sessions.logout();
    await this.transport.close();
  }

  private closed = false;

  // ---- request pipeline --------------------------------------------------------------------

  /** One API call: session headers, one re-login on 401, retries, error mapping. */
  private async call(method: HttpRequest['method'], path: string, options: CallOptions): Promise<HttpResponse> {
    const generation = options.scope?.transactionGeneration;
    let session: ActiveSession = await this.sessions.current();
    let renewed = false;
    for (;;) {
      if (generation !== undefined && session.generation !== generation) {
        throw new TransactionLostError(`the SPS session that held the transaction has ended; its uncommitted changes are gone (at ${method} ${path})`);
      }
      const headers: Record<string, string> = { ...session.headers, accept: 'application/json' };
      let body: string | undefined;
      if (options.body !== undefined) {
        body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
        if (body.length > 0) headers['content-type'] = 'application/json';
        else headers['content-length'] = '0';
      }
      const signal = options.uninterruptible ? options.scope?.signal : combinedSignal(this.stopSignal, options.scope?.signal);
      const response = await this.sendWithRetries({ method, path, headers, body, signal }, options.retry);
      if (response.status === 401 && !renewed) {
        renewed = true;
        this.logger.info('the SPS session has ended (401); logging in again', { method, path });
        session = await this.sessions.renew(session);
        continue; // inside a transaction, the generation check above now fails: the transaction died with the old session
      }
      if ((response.status >= 200 && response.status < 300) || options.accept === 'any' || options.accept?.includes(response.status)) return response;
      if (isRetryableStatus(response.status) && options.retry === 'create' && response.status !== 429) {
        throw new AmbiguousCreateError(path, `SPS answered ${method} ${path} with ${response.status} after the request was sent; it may or may not have been applied`, {
          cause: this.applianceError(method, path, response),
        });
      }
      throw this.applianceError(method, path, response);
    }
  }

  /**
   * Sends one request, repeating it on connection errors, 5xx and 429 as `kind` allows, with
   * exponential backoff and jitter, or the appliance's Retry-After. Returns the last response
   * (possibly an error status) for the caller to judge; throws only network errors.
   */
  private async sendWithRetries(request: HttpRequest, kind: RetryKind): Promise<HttpResponse> {
    for (let attempt = 1; ; attempt++) {
      const last = attempt >= this.retry.maxAttempts;
      let response: HttpResponse;
      try {
        this.requestCount++;
        const started = Date.now();
        response = await this.transport.send(request);
        this.logger.debug('SPS request', { method: request.method, path: request.path, status: response.status, ms: Date.now() - started });
      } catch (error) {
        if (request.signal?.aborted) throw error;
        const failure = classifyNetworkError(error);
        const code = errorCode(error);
        const safeToRepeat = failure === 'not-sent' || (failure === 'maybe-sent' && kind === 'idempotent');
        if (failure === 'maybe-sent' && kind === 'create') {
          throw new AmbiguousCreateError(
            request.path,
            `the connection to SPS failed (${error instanceof RequestTimeoutError ? error.message : code}) after ${request.method} ${request.path} was sent; it may or may not have been applied`,
            { cause: error },
          );
        }
        if (!safeToRepeat || last) throw this.connectionError(request, error, failure === 'fatal');
        const delay = backoffDelayMs(attempt, this.retry);
        this.logger.warn('SPS connection failed; retrying', { method: request.method, path: request.path, code, attempt, delayMs: delay });
        await sleep(delay, request.signal);
        continue;
      }
      // A create may be repeated on 429 (the appliance refused it unprocessed) but not on 5xx.
      const repeatable = isRetryableStatus(response.status) && (kind === 'idempotent' || response.status === 429);
      if (!repeatable || last) return response;
      const retryAfter = parseRetryAfterMs(response.headers['retry-after']);
      const delay = retryAfter !== undefined ? Math.min(retryAfter, this.retry.maxRetryAfterMs) : backoffDelayMs(attempt, this.retry);
      this.logger.warn('SPS is busy or failing; retrying', { method: request.method, path: request.path, status: response.status, attempt, delayMs: delay });
      await sleep(delay, request.signal);
    }
  }

  private connectionError(request: HttpRequest, error: unknown, fatal: boolean): ConnectionError {
    const code = errorCode(error);
    const tlsHint =
      code && /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ALTNAME|TLS|SSL/.test(code)
        ? ' (the appliance certificate could not be verified: set ca_file to the CA that signed it, or insecure = true for a test appliance)'
        : '';
    const attempts = fatal ? '' : ` (gave up after ${this.retry.maxAttempts} attempts)`;
    if (error instanceof RequestTimeoutError) {
      return new ConnectionError(request.method, request.path, code, `SPS at ${this.transport.origin}: ${error.message}${attempts}`, { cause: error });
    }
    const reason = this.redactor.redact(error instanceof Error ? error.message : String(error));
    return new ConnectionError(
      request.method,
      request.path,
      code,
      `cannot reach SPS at ${this.transport.origin} for ${request.method} ${request.path}: ${code ?? 'error'}: ${reason}${tlsHint}${attempts}`,
      { cause: error },
    );
  }

  private applianceError(method: string, path: string, response: HttpResponse): ApplianceError {
    const parsed = errorResponse.safeParse(response.json);
    if (!parsed.success) return this.unexpected(method, path, response, 'its body is not an SPS error');
    const { type, message, details } = parsed.data.error;
    traceLongErrorAnswer(this.logger, this.redactor, { method, path }, response.status, response.text);
    return new ApplianceError({
      method,
      path,
      status: response.status,
      type: this.redactor.redact(type),
      applianceMessage: message === undefined ? undefined : this.redactor.redact(message),
      details,
      fieldIssues: fieldIssuesFromDetails(details).map((issue) => ({ ...issue, message: this.redactor.redact(issue.message) })),
    });
  }

  /** Never quotes the body itself: it may be large, or hold a freshly created client secret. */
  private unexpected(method: string, path: string, response: HttpResponse, what: string): UnexpectedResponseError {
    return new UnexpectedResponseError({ method, path, status: response.status }, `${what} (${this.describeBody(response)})`);
  }

  /** What came back, without quoting it: a hostile content type is redacted too. */
  private describeBody(response: HttpResponse): string {
    const type = typeof response.headers['content-type'] === 'string' ? this.redactor.redact(response.headers['content-type']) : 'no content type';
    return `${type}, ${response.text.length} bytes`;
  }

  private parseBody<Body>(collection: CollectionSpec<Body>, raw: Record<string, unknown>, method: string, path: string, status: number): Omit<ApplianceObject<Body>, 'key'> {
    const readOnly: Record<string, unknown> = {};
    for (const field of collection.readOnlyFields ?? []) if (field in raw) readOnly[field] = raw[field];
    const parsed = collection.schema.safeParse(raw);
    if (!parsed.success) {
      throw new UnexpectedResponseError(
        { method, path, status, fieldIssues: zodFieldIssues(parsed.error) },
        `the ${collection.kind} it returned does not match the model: ${describeIssues(zodFieldIssues(parsed.error))}`,
      );
    }
    return { body: parsed.data, readOnly, raw };
  }
}

/**
 * "allow: must be … (the appliance has "group_based")": what does not match, with the value the
 * appliance holds (cut to 80 characters), so that the object can be found and judged.
 */
function describeIssuesWithValues(issues: readonly FieldIssue[], raw: unknown): string {
  return issues
    .map((issue) => {
      const value = issue.path.reduce<unknown>((at, step) => (at !== null && typeof at === 'object' ? (at as Record<string | number, unknown>)[step] : undefined), raw);
      if (value === undefined) return describeIssues([issue]);
      const shown = JSON.stringify(value);
      return `${describeIssues([issue])} (the appliance has ${shown.length > 80 ? `${shown.slice(0, 80)}…` : shown})`;
    })
    .join('; ');
}

/** A response body described without quoting it: its content type and size. */

/** A signal that fires when either given one does. */
function combinedSignal(a: AbortSignal | undefined, b: AbortSignal | undefined): AbortSignal | undefined {
  if (!a || !b) return a ?? b;
  return AbortSignal.any([a, b]);
}
