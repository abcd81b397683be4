/**
 * When and how long to wait before repeating a request. Pure functions, so the timing rules are
 * unit-tested without a network.
 */

export interface RetryOptions {
  /** Attempts in total, including the first (default 6). */
  readonly maxAttempts: number;
  /** Delay before the first retry, doubled each time (default 200 ms). */
  readonly initialDelayMs: number;
  /** Ceiling of the exponential delay (default 5 s). */
  readonly maxDelayMs: number;
  /** Ceiling for a server's Retry-After, so a misconfigured appliance cannot stall an apply for hours (default 60 s). */
  readonly maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_OPTIONS: RetryOptions = {
  maxAttempts: 6,
  initialDelayMs: 200,
  maxDelayMs: 5_000,
  maxRetryAfterMs: 60_000,
};

/**
 * Exponential backoff with "full jitter" (a random delay between half and all of the exponential
 * step), so that several clients retrying together spread out instead of hitting the appliance in
 * lock-step. `attempt` is 1 for the first retry.
 */
export function backoffDelayMs(attempt: number, options: Pick<RetryOptions, 'initialDelayMs' | 'maxDelayMs'>, random: () => number = Math.random): number {
  const exponential = Math.min(options.maxDelayMs, options.initialDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(exponential / 2 + (random() * exponential) / 2);
}

/**
 * Retry-After as milliseconds: either delay-seconds or an HTTP date (RFC 9110 §10.2.3).
 * Returns undefined when absent or unparseable, so the caller falls back to backoff.
 */
export function parseRetryAfterMs(value: string | string[] | undefined, now: number = Date.now()): number | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  if (text === undefined || text.trim() === '') return undefined;
  const trimmed = text.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

/** Statuses worth repeating: the appliance was busy or failing, not refusing the request itself. */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || status >= 500;
}

/** Network errors raised before the request left the client: repeating them cannot duplicate anything. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);

/** Network errors where the request may or may not have reached the appliance. */
const MAYBE_SENT_CODES = new Set([
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_RES_CONTENT_LENGTH_MISMATCH',
]);

export type NetworkFailureKind = 'not-sent' | 'maybe-sent' | 'fatal';

/** Classifies a thrown network error; TLS verification failures are fatal (retrying cannot fix a certificate). */
export function classifyNetworkError(error: unknown): NetworkFailureKind {
  const code = errorCode(error);
  if (code !== undefined && NOT_SENT_CODES.has(code)) return 'not-sent';
  if (code !== undefined && MAYBE_SENT_CODES.has(code)) return 'maybe-sent';
  return 'fatal';
}

/** The `code` of an error or of its cause (undici wraps socket errors). */
export function errorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current !== null && typeof current === 'object'; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && code !== 'UND_ERR_REQ_RETRY') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** Sleeps, but wakes early (rejecting) if the signal fires. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
