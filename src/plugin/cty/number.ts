import { BigNumberValue, CtyCodecError } from './types';

const DECIMAL = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/;

/**
 * A decimal literal as a cty number: a JS number when the float64 round-trips the literal exactly
 * (same value, not just the nearest one), else a BigNumberValue so no precision is lost.
 */
export function numberFromDecimal(text: string, path: ReadonlyArray<string | number>): number | BigNumberValue {
  if (!DECIMAL.test(text)) throw new CtyCodecError(`"${text.slice(0, 40)}" is not a number`, path);
  const value = Number(text);
  if (Number.isFinite(value) && sameDecimal(String(value), text)) return value;
  return new BigNumberValue(canonicalDecimal(text));
}

/** A bigint (msgpack int64/uint64) as a cty number. */
export function numberFromBigInt(value: bigint): number | BigNumberValue {
  return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : new BigNumberValue(value.toString());
}

function sameDecimal(a: string, b: string): boolean {
  return canonicalDecimal(a) === canonicalDecimal(b);
}

/** Normalises a decimal literal: no exponent, no leading/trailing zeros ("1.50e2" → "150"). */
export function canonicalDecimal(text: string): string {
  const match = DECIMAL.exec(text);
  if (!match) return text;
  const negative = text.startsWith('-');
  const [, integer, fraction = '', exponent = ''] = match;
  // A huge exponent would expand into a huge string: keep such literals as they are.
  if (exponent && Math.abs(Number(exponent.slice(1))) > 4096) return text;
  let digits = integer + fraction.slice(1);
  let point = integer.length + (exponent ? Number(exponent.slice(1)) : 0);
  // Strip leading zeros, keeping the decimal point position consistent.
  while (digits.length > 1 && digits[0] === '0') {
    digits = digits.slice(1);
    point--;
  }
  digits = digits.replace(/0+$/, '') || '0';
  if (digits === '0') return '0';
  let result: string;
  if (point <= 0) result = '0.' + '0'.repeat(-point) + digits;
  else if (point >= digits.length) result = digits + '0'.repeat(point - digits.length);
  else result = digits.slice(0, point) + '.' + digits.slice(point);
  return (negative ? '-' : '') + result;
}
