/**
 * Where SPS firmware versions differ, as One Identity's reference guides show them (and as
 * safeguard-ps and SafeguardDotNet read them). The behaviour table of docs/guides/simulator.md
 * marks each row with the guide it comes from, or as the simulator's guess.
 */
import { ApiError } from './errors';

export const SPS_VERSIONS = ['6.9', '7.0', '7.5'] as const;
export type SpsVersion = (typeof SPS_VERSIONS)[number];
export const DEFAULT_SPS_VERSION: SpsVersion = '7.0';

export function isSpsVersion(value: string): value is SpsVersion {
  return (SPS_VERSIONS as readonly string[]).includes(value);
}

export interface TransactionState {
  readonly open: boolean;
  readonly commitLogRequired: boolean;
  readonly remainingSeconds: number;
  readonly changes: number;
}

/**
 * `GET /api/transaction`: the 5.x/6.x guides answer `{"transaction": {"status": …}}`; newer ones
 * `{"key": "transaction", "body": {"status", "commit_message"}, "meta": {…}}`, where
 * `commit_message` is "optional" or "required" (not a text).
 */
export function transactionStatus(version: SpsVersion, state: TransactionState): Record<string, unknown> {
  const status = state.open ? 'open' : 'closed';
  if (version === '6.9') return { transaction: { status } };
  return {
    key: 'transaction',
    body: { status, commit_message: state.commitLogRequired ? 'required' : 'optional' },
    meta: { href: '/api/transaction', remaining_seconds: state.remainingSeconds, changes: state.changes },
  };
}

/** A browser's User-Agent (as opposed to a tool's, such as safeguard-ps's or this provider's). */
function isBrowserUserAgent(userAgent: string | undefined): boolean {
  return /^Mozilla\/|Chrome\/|Safari\/|Firefox\/|Edg\//.test(userAgent ?? '');
}

/**
 * From 7.5, PUT, POST and DELETE from a browser-like User-Agent need an X-Token header. Which token
 * is a guess (no public client shows it): the one the login answer carries in its X-Token header.
 */
export function checkXToken(version: SpsVersion, method: string, userAgent: string | undefined, given: string | undefined, expected: string): void {
  if (version !== '7.5' || method === 'GET' || !isBrowserUserAgent(userAgent)) return;
  if (given !== expected) {
    throw new ApiError(403, 'Unauthorized', 'Changes from a browser need the X-Token header that the login answer carried.', { required_header: 'X-Token' });
  }
}
