import { describeIssues, type FieldIssue } from '../model';
import type { Logger } from './logger';
import type { SecretRedactor } from './redaction';

/**
 * Every error the client raises. Each carries structured fields so the provider can turn it into
 * diagnostics (field issues → attribute paths); messages quote method, path and status, never a
 * credential.
 */
export class SpsClientError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

export interface ApplianceErrorInit {
  readonly method: string;
  readonly path: string;
  readonly status: number;
  /** The appliance's `error.type`, e.g. "InvalidQuery", "NotFound", "LockedByOtherSession". */
  readonly type: string;
  readonly applianceMessage?: string;
  readonly details?: unknown;
  /** Offending fields named by `details`, with their JSON paths inside the request body. */
  readonly fieldIssues?: readonly FieldIssue[];
}

/** The appliance answered, but not with success: a refusal (4xx) or a failure (5xx) that outlasted retries. */
export class ApplianceError extends SpsClientError {
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly type: string;
  readonly applianceMessage?: string;
  readonly details?: unknown;
  readonly fieldIssues: readonly FieldIssue[];

  /** The appliance's texts (type, message, field issues) are kept capped at APPLIANCE_TEXT_LIMIT, whoever formats them. */
  constructor(init: ApplianceErrorInit, message?: string) {
    super(message ?? ApplianceError.describe(init));
    this.method = init.method;
    this.path = init.path;
    this.status = init.status;
    this.type = capApplianceText(init.type);
    this.applianceMessage = init.applianceMessage === undefined ? undefined : capApplianceText(init.applianceMessage);
    this.details = init.details;
    this.fieldIssues = (init.fieldIssues ?? []).map((issue) => ({ ...issue, message: capApplianceText(issue.message) }));
  }

  static describe(init: ApplianceErrorInit): string {
    const quoted = [init.type];
    if (init.applianceMessage) quoted.push(`: ${init.applianceMessage}`);
    if (init.fieldIssues && init.fieldIssues.length > 0) quoted.push(` (${describeIssues(init.fieldIssues)})`);
    return `SPS answered ${init.method} ${init.path} with ${init.status} ${capApplianceText(quoted.join(''))}`;
  }
}

/**
 * How much of the appliance's own text (error types, messages, field issues) an error quotes: a
 * misbehaving appliance can answer megabytes, which would otherwise land whole in Terraform's output.
 */
export const APPLIANCE_TEXT_LIMIT = 4096;

/** `text` cut to APPLIANCE_TEXT_LIMIT bytes of UTF-8 (never inside a character), saying how long it was. */
export function capApplianceText(text: string): string {
  const bytes = Buffer.byteLength(text);
  if (bytes <= APPLIANCE_TEXT_LIMIT) return text;
  const head = Buffer.from(text).subarray(0, APPLIANCE_TEXT_LIMIT).toString('utf8').replace(/\uFFFD+$/, '');
  return `${head}… (truncated; ${bytes.toLocaleString('en-US')} bytes in all)`;
}

/**
 * The appliance refused the login (or failed to answer it). The session manager keeps it for the
 * rest of the process: every later request fails with this same error without logging in again.
 */
export class LoginFailedError extends ApplianceError {
  /** What the appliance answered, e.g. `GET /api/authentication answered 401 Unauthenticated: Invalid username or password.` */
  readonly reason: string;

  constructor(
    init: ApplianceErrorInit,
    /** Whom the login was for, as messages name it: `user "admin"` or `API client "…"`. */
    readonly account: string,
    /** What to check, for a refusal (401, 403). */
    readonly hint: string | undefined,
  ) {
    const reason = `${init.method} ${init.path} answered ${init.status} ${init.type}${init.applianceMessage ? `: ${init.applianceMessage}` : ''}`;
    super(init, `logging in to SPS failed: ${reason}${hint ? ` (${hint})` : ''}`);
    this.reason = reason;
  }
}

/**
 * An error answer too long for errors to quote whole goes to the TRACE log in full (redacted),
 * so that whoever debugs it still has all of it.
 */
export function traceLongErrorAnswer(logger: Logger, redactor: SecretRedactor, request: { method: string; path: string }, status: number, text: string): void {
  if (Buffer.byteLength(text) <= APPLIANCE_TEXT_LIMIT) return;
  logger.trace?.('SPS error answer in full (errors quote it truncated)', { method: request.method, path: request.path, status, body: redactor.redact(text) });
}

/** The appliance answered with something the client does not understand (wrong shape, not JSON). */
export class UnexpectedResponseError extends ApplianceError {
  /** `what` may quote the appliance (its content type, the model's issues with an object it returned), so it is capped too. */
  constructor(init: Omit<ApplianceErrorInit, 'type'>, what: string) {
    super({ ...init, type: 'UnexpectedResponse' }, `SPS answered ${init.method} ${init.path} with ${init.status}, but ${capApplianceText(what)}`);
  }
}

/** The request failed on the network (refused, reset, timed out, TLS) and retries did not help. */
export class ConnectionError extends SpsClientError {
  constructor(
    readonly method: string,
    readonly path: string,
    /** undici or Node error code, e.g. ECONNREFUSED, UND_ERR_SOCKET, DEPTH_ZERO_SELF_SIGNED_CERT. */
    readonly code: string | undefined,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/**
 * One attempt of a request got no complete answer (headers and body) within the request timeout,
 * e.g. an answer trickling in a byte at a time. Its code is ETIMEDOUT so that the retry rules
 * treat it as any timed-out connection: the request may have reached the appliance.
 */
export class RequestTimeoutError extends SpsClientError {
  readonly code = 'ETIMEDOUT';

  constructor(
    readonly method: string,
    readonly path: string,
    readonly timeoutMs: number,
  ) {
    super(`${method} ${path} got no complete answer within ${formatSeconds(timeoutMs)} (request_timeout, or SPS_REQUEST_TIMEOUT)`);
  }
}

function formatSeconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(3))} s`;
}

/**
 * A create was sent but its answer was lost, and the client could not tell whether the appliance
 * created the object. Never retried blindly: the caller must look before trying again.
 */
export class AmbiguousCreateError extends SpsClientError {
  constructor(
    readonly path: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Another session (an admin in the web UI, another pipeline) held the configuration lock for too long. */
export class LockTimeoutError extends SpsClientError {
  constructor(
    /** The holder's user name as the appliance reports it, if it does. */
    readonly holder: string | undefined,
    readonly waitedMs: number,
    options: { cause?: unknown; ownUser?: boolean; remainingSeconds?: number } = {},
  ) {
    const waited = `gave up after waiting ${Math.round(waitedMs / 1000)} s`;
    const release =
      options.remainingSeconds === undefined
        ? 'the appliance releases it once that session has been idle for its transaction timeout (10 minutes by default)'
        : `the appliance releases it in about ${options.remainingSeconds} s unless that session is used again`;
    super(
      options.ownUser
        ? `the SPS configuration lock is held by "${holder}", the user this provider logs in as: it may be an abandoned session of an earlier run ` +
            `(a terraform that was killed mid-apply), which left an uncommitted transaction; ${release}. ${waited}. Nothing was changed.`
        : `the SPS configuration lock is held by ${holder ? `"${holder}"` : 'another session'}; ${waited}. ` +
            'Ask them to commit or cancel their changes, or raise the lock timeout.',
      { cause: options.cause },
    );
  }
}

/** The appliance requires a commit log and the provider has no commit message to give. */
export class CommitMessageRequiredError extends SpsClientError {
  constructor() {
    super(
      'the appliance requires a message with every commit (require_commitlog in /api/configuration/management/accounting), and none is configured: ' +
        'set commit_message in the provider block or SPS_COMMIT_MESSAGE (e.g. the pull request\'s URL). Nothing was changed.',
    );
  }
}

/** One difference between the prior state and the appliance's object, for LostUpdateError. */
export interface FieldDifference {
  readonly path: ReadonlyArray<string | number>;
  readonly expected: unknown;
  readonly actual: unknown;
}

/** The object was changed (or deleted) on the appliance after the plan; overwriting it would lose that change. */
export class LostUpdateError extends SpsClientError {
  constructor(
    readonly kind: string,
    readonly key: string,
    /** Empty when the object was deleted. */
    readonly differences: readonly FieldDifference[],
    readonly deleted: boolean,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The session ended while a transaction was open (expired, or ended by a sixth login), so the
 * appliance dropped the transaction and its changes. Nothing was committed; the coordinator
 * starts the group again on a new session.
 */
export class TransactionLostError extends SpsClientError {}

/** A change was cancelled (Terraform's StopProvider) before it wrote anything. */
export class ChangeCancelledError extends SpsClientError {
  constructor(message = 'the change was cancelled before it was written to the appliance') {
    super(message);
  }
}

/** The 409 the appliance answers when another session holds the configuration lock. */
export function isLockedByOtherSession(error: unknown): boolean {
  return error instanceof ApplianceError && error.status === 409 && error.type === 'LockedByOtherSession';
}

/** How long until the appliance releases the lock, when its 409 says (details.remaining_seconds). */
export function lockRemainingSeconds(error: ApplianceError): number | undefined {
  const value = (error.details as Record<string, unknown> | undefined)?.remaining_seconds;
  return typeof value === 'number' && value >= 0 ? Math.round(value) : undefined;
}

/** The lock holder's user name from a LockedByOtherSession error (details, else the message). */
export function lockHolder(error: ApplianceError): string | undefined {
  const details = error.details as Record<string, unknown> | undefined;
  for (const field of ['holder', 'user', 'username', 'user_name', 'locked_by', 'owner']) {
    const value = details?.[field];
    if (typeof value === 'string' && value) return capApplianceText(value);
  }
  const message = error.applianceMessage ?? '';
  const quoted = /["']([^"']+)["']/.exec(message) ?? /\bby\s+(?:user\s+|admin\s+)?([^\s,.;]+)/i.exec(message);
  return quoted?.[1];
}
