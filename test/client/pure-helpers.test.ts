import fc from 'fast-check';
import '../support/fuzz';
import { ApplianceError, isLockedByOtherSession, lockHolder } from '../../src/client/errors';
import { tlsConnectOptions } from '../../src/client/http-transport';
import { diffValues, lostUpdateError } from '../../src/client/lost-update';
import { SecretRedactor } from '../../src/client/redaction';
import { backoffDelayMs, classifyNetworkError, parseRetryAfterMs } from '../../src/client/retry-policy';
import { sessionCookie } from '../../src/client/session';
import { fieldIssuesFromDetails, parseFieldPath } from '../../src/client/wire-schemas';
import { collectingLogger } from './helpers';

describe('retry policy', () => {
  it('backs off exponentially within [half, full] of the step, capped', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 30 }), fc.double({ min: 0, max: 0.999999, noNaN: true }), (attempt, r) => {
        const step = Math.min(1000, 10 * 2 ** (attempt - 1));
        const delay = backoffDelayMs(attempt, { initialDelayMs: 10, maxDelayMs: 1000 }, () => r);
        return delay >= Math.floor(step / 2) && delay <= step;
      }),
    );
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    expect(parseRetryAfterMs('3')).toBe(3000);
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfterMs('Thu, 01 Jan 2026 00:00:02 GMT', now)).toBe(2000);
    expect(parseRetryAfterMs('Wed, 31 Dec 2025 00:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfterMs(undefined)).toBeUndefined();
    expect(parseRetryAfterMs('soon')).toBeUndefined();
  });

  it('tells errors before sending from errors after sending and fatal ones', () => {
    expect(classifyNetworkError(Object.assign(new Error('x'), { code: 'ECONNREFUSED' }))).toBe('not-sent');
    expect(classifyNetworkError(Object.assign(new Error('x'), { code: 'UND_ERR_SOCKET' }))).toBe('maybe-sent');
    expect(classifyNetworkError(new Error('x', { cause: Object.assign(new Error('y'), { code: 'ECONNRESET' }) }))).toBe('maybe-sent');
    expect(classifyNetworkError(Object.assign(new Error('x'), { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' }))).toBe('fatal');
  });
});

describe('response helpers', () => {
  it('parses field paths', () => {
    expect(parseFieldPath('network.ports[0]')).toEqual(['network', 'ports', 0]);
    expect(parseFieldPath('name')).toEqual(['name']);
    expect(parseFieldPath('a.1.b')).toEqual(['a', 1, 'b']);
  });

  it('extracts field issues from the usual detail shapes', () => {
    expect(fieldIssuesFromDetails({ fields: [{ path: 'network.ports[0]', message: 'bad port' }] })).toEqual([
      { path: ['network', 'ports', 0], message: 'bad port' },
    ]);
    expect(fieldIssuesFromDetails([{ path: ['name'], message: 'is required' }])).toEqual([{ path: ['name'], message: 'is required' }]);
    expect(fieldIssuesFromDetails({ 'allow': 'must be all_users or no_user' })).toEqual([{ path: ['allow'], message: 'must be all_users or no_user' }]);
    expect(fieldIssuesFromDetails(undefined)).toEqual([]);
  });

  it('finds the session cookie among several Set-Cookie headers', () => {
    expect(sessionCookie(['other=1; Path=/', 'session_id=abc123; HttpOnly; Path=/'])).toBe('abc123');
    expect(sessionCookie('session_id=xyz; Secure')).toBe('xyz');
    expect(sessionCookie(undefined)).toBeUndefined();
  });

  it('names the lock holder from details or message', () => {
    const base = { method: 'POST', path: '/api/transaction', status: 409, type: 'LockedByOtherSession' };
    expect(lockHolder(new ApplianceError({ ...base, details: { holder: 'alice' } }))).toBe('alice');
    expect(lockHolder(new ApplianceError({ ...base, applianceMessage: 'Configuration is locked by user "bob"' }))).toBe('bob');
  });

  it('tells the lock taken by another session from other refusals', () => {
    const base = { method: 'POST', path: '/api/transaction', status: 409, type: 'LockedByOtherSession' };
    expect(isLockedByOtherSession(new ApplianceError(base))).toBe(true);
    expect(isLockedByOtherSession(new ApplianceError({ ...base, type: 'Conflict' }))).toBe(false);
    expect(isLockedByOtherSession(new ApplianceError({ ...base, status: 400 }))).toBe(false);
    expect(isLockedByOtherSession(new Error('locked'))).toBe(false);
  });
});

describe('lost-update comparison', () => {
  it('lists each changed leaf with its path', () => {
    expect(diffValues({ name: 'a', except: ['x'], allow: 'all_users' }, { name: 'a', except: ['x', 'y'], allow: 'no_user' })).toEqual([
      { path: ['allow'], expected: 'all_users', actual: 'no_user' },
      { path: ['except'], expected: ['x'], actual: ['x', 'y'] },
    ]);
    expect(diffValues({ b: 1, a: { c: 2 } }, { a: { c: 2 }, b: 1 })).toEqual([]);
  });

  it('explains what changed and that someone else changed it', () => {
    const error = lostUpdateError('user list', 'k1', [{ path: ['except'], expected: ['x'], actual: ['x', 'y'] }], 'update');
    expect(error.message).toMatch(/user list with key k1 was modified on the appliance after the plan/);
    expect(error.message).toMatch(/except: planned from \["x"\], now \["x","y"\]/);
    expect(lostUpdateError('user list', 'k1', 'deleted', 'delete').deleted).toBe(true);
  });
});

describe('secrets', () => {
  it('redacts registered secrets', () => {
    const redactor = new SecretRedactor();
    redactor.add('hunter22');
    expect(redactor.redact('password hunter22 rejected')).toBe('password [redacted] rejected');
  });

  it('warns when certificate verification is turned off, and keeps it on otherwise', () => {
    const logger = collectingLogger();
    expect(tlsConnectOptions({ insecure: true }, logger).rejectUnauthorized).toBe(false);
    expect(logger.lines.some((l) => l.level === 'warn' && /verification is disabled/.test(l.message))).toBe(true);
    expect(tlsConnectOptions(undefined, logger).rejectUnauthorized).toBe(true);
    expect(() => tlsConnectOptions({ caFile: '/nonexistent/ca.pem' }, logger)).toThrow(/ca_file \/nonexistent\/ca.pem cannot be read/);
  });
});
