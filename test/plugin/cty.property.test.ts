import fc from 'fast-check';
import '../support/fuzz';
import {
  BigNumberValue,
  type CtyType,
  type CtyValue,
  CtyCodecError,
  decodeJson,
  decodeMsgpack,
  DynamicValueOf,
  encodeJson,
  encodeMsgpack,
  typeFromJson,
  typeToJson,
  UNKNOWN,
  Unknown,
} from '../../src/plugin/cty';
import { encode } from '@msgpack/msgpack';
import { canonicalDecimal, numberFromDecimal } from '../../src/plugin/cty/number';

/** Random cty types, nested a few levels deep. */
const typeArbitrary: fc.Arbitrary<CtyType> = fc.letrec<{ type: CtyType }>((tie) => ({
  type: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom<CtyType>('string', 'number', 'bool'),
    tie('type').map((t) => ({ list: t })),
    tie('type').map((t) => ({ set: t })),
    tie('type').map((t) => ({ map: t })),
    fc.dictionary(fc.stringMatching(/^[a-z][a-z_]{0,8}$/), tie('type'), { maxKeys: 4 }).map((object) => ({ object })),
    fc.array(tie('type'), { maxLength: 3 }).map((tuple) => ({ tuple })),
  ),
})).type;

const numberArbitrary = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }).filter((n) => !Object.is(n, -0)),
  fc.bigInt({ min: -(10n ** 40n), max: 10n ** 40n }).map((n) => (Number.isSafeInteger(Number(n)) && BigInt(Number(n)) === n ? Number(n) : new BigNumberValue(n.toString()))),
  fc.tuple(fc.bigInt({ min: 1n, max: 10n ** 30n }), fc.integer({ min: 1, max: 25 })).map(([digits, scale]) => {
    const text = digits.toString().padStart(scale + 1, '0');
    const decimal = `${text.slice(0, -scale)}.${text.slice(-scale)}`.replace(/0+$/, '').replace(/\.$/, '');
    return Number(decimal).toString() === decimal ? Number(decimal) : new BigNumberValue(decimal);
  }),
);

/** A value of `type`, with nulls and (when allowed) unknowns anywhere. */
function valueOf(type: CtyType, allowUnknown: boolean): fc.Arbitrary<CtyValue> {
  const special: Array<fc.Arbitrary<CtyValue>> = [fc.constant(null)];
  if (allowUnknown) special.push(fc.constant(UNKNOWN));
  const wrap = (known: fc.Arbitrary<CtyValue>) => fc.oneof({ weight: 1, arbitrary: fc.oneof(...special) }, { weight: 4, arbitrary: known });
  if (type === 'string') return wrap(fc.string({ unit: 'grapheme' }));
  if (type === 'number') return wrap(numberArbitrary);
  if (type === 'bool') return wrap(fc.boolean());
  if (type === 'dynamic') return wrap(fc.string().map((s) => new DynamicValueOf('string', s)));
  if ('list' in type) return wrap(fc.array(valueOf(type.list, allowUnknown), { maxLength: 3 }));
  // Elements holding an unknown are all distinct (as in go-cty), so a set may hold several.
  if ('set' in type) return wrap(fc.uniqueArray(valueOf(type.set, allowUnknown), { maxLength: 3, selector: (v) => (holdsUnknown(v) ? {} : JSON.stringify(v)) }));
  if ('map' in type) return wrap(fc.dictionary(fc.string({ maxLength: 5 }), valueOf(type.map, allowUnknown), { maxKeys: 3 }));
  if ('tuple' in type) return wrap(fc.tuple(...type.tuple.map((t) => valueOf(t, allowUnknown))) as fc.Arbitrary<CtyValue>);
  return wrap(fc.record(Object.fromEntries(Object.entries(type.object).map(([k, t]) => [k, valueOf(t, allowUnknown)]))) as fc.Arbitrary<CtyValue>);
}

function holdsUnknown(value: CtyValue): boolean {
  if (value instanceof Unknown) return true;
  if (value instanceof DynamicValueOf) return holdsUnknown(value.value);
  if (value === null || typeof value !== 'object' || value instanceof BigNumberValue) return false;
  return Object.values(value).some(holdsUnknown);
}

const typedValue = (allowUnknown: boolean) => typeArbitrary.chain((type) => valueOf(type, allowUnknown).map((value) => ({ type, value })));

/** Structural comparison that treats numbers by value and unknowns as equal to unknowns. */
function normalise(value: CtyValue): unknown {
  if (value instanceof Unknown) return '<unknown>';
  // Numbers compare by decimal value: 1e-7 and 0.0000001 are the same cty number.
  if (value instanceof BigNumberValue) return `n:${canonicalDecimal(value.text)}`;
  if (typeof value === 'number') return `n:${canonicalDecimal(String(value))}`;
  if (value instanceof DynamicValueOf) return { dynamic: normalise(value.value) };
  if (Array.isArray(value)) return value.map(normalise);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normalise(v)]));
  return value;
}

describe('cty codec properties', () => {
  it('round-trips every type through msgpack, with nested nulls and unknowns', () => {
    fc.assert(
      fc.property(typedValue(true), ({ type, value }) => {
        expect(normalise(decodeMsgpack(type, encodeMsgpack(type, value)))).toEqual(normalise(value));
      }),
      { numRuns: 500 },
    );
  });

  it('round-trips every known value through JSON, keeping arbitrary precision', () => {
    fc.assert(
      fc.property(typedValue(false), ({ type, value }) => {
        expect(normalise(decodeJson(type, encodeJson(type, value)))).toEqual(normalise(value));
      }),
      { numRuns: 500 },
    );
  });

  it('round-trips types through their JSON form', () => {
    fc.assert(fc.property(typeArbitrary, (type) => expect(typeFromJson(JSON.parse(JSON.stringify(typeToJson(type))))).toEqual(type)));
  });

  it('keeps big numbers exact', () => {
    const big = new BigNumberValue('123456789012345678901234567890.000000000000000000001');
    expect(decodeMsgpack('number', encodeMsgpack('number', big))).toEqual(big);
    expect(decodeJson('number', '9007199254740993')).toEqual(new BigNumberValue('9007199254740993'));
  });

  it('decodes every JSON number literal exactly, wherever it stands (the JSON.parse fast path is taken only when that is exact)', () => {
    const literal = fc
      .tuple(fc.boolean(), fc.stringMatching(/^(0|[1-9]\d{0,24})$/), fc.option(fc.stringMatching(/^\d{1,20}$/)), fc.option(fc.tuple(fc.constantFrom('e', 'E'), fc.constantFrom('', '+', '-'), fc.integer({ min: 0, max: 500 }))))
      .map(([negative, integer, fraction, exponent]) => `${negative ? '-' : ''}${integer}${fraction === null ? '' : `.${fraction}`}${exponent === null ? '' : exponent.join('')}`);
    const space = fc.constantFrom('', ' ', '\n\t', '\r\n  ');
    fc.assert(
      fc.property(literal, space, space, (text, before, after) => {
        const exact = normalise(numberFromDecimal(text, []));
        expect(normalise(decodeJson('number', `${before}${text}${after}`))).toEqual(exact);
        expect(normalise(decodeJson({ list: 'number' }, `[${before}${text}${after}]`))).toEqual([exact]);
        expect(normalise(decodeJson({ list: 'number' }, `[0,${before}${text}${after}]`))).toEqual(['n:0', exact]);
        const decoded = decodeJson({ object: { k: 'string', n: 'number' } }, `{"k":"3e7a",${before}"n"${after}:${before}${text}${after}}`) as Record<string, CtyValue>;
        expect(normalise(decoded.n)).toEqual(exact);
      }),
      { numRuns: 2000 },
    );
    expect(decodeJson('number', '1e400')).toEqual(new BigNumberValue(canonicalDecimal('1e400')));
    expect(decodeJson({ list: 'number' }, '[1, -12345678901234567]')).toEqual([1, new BigNumberValue('-12345678901234567')]);
  });

  it('decodes state whose strings look like exponents (hex keys, UUIDs) with JSON.parse, and big numbers with the exact tokeniser', () => {
    const type: CtyType = { object: { key: 'string', id: 'string', port: 'number', ratio: 'number', ports: { list: 'number' } } };
    const parse = jest.spyOn(JSON, 'parse');
    try {
      const state = '{"key":"5e1c3a9f0e4d2b7a1e9c3d5","id":"123e4567-e89b-12d3-a456-426614174000","port":443,"ratio":-0.5,"ports":[80, 8080]}';
      expect(decodeJson(type, state)).toEqual({ key: '5e1c3a9f0e4d2b7a1e9c3d5', id: '123e4567-e89b-12d3-a456-426614174000', port: 443, ratio: -0.5, ports: [80, 8080] });
      expect(parse).toHaveBeenCalledWith(state);
      parse.mockClear();
      const exact = '{"key":"5e1c3a9f0e4d2b7a1e9c3d5","id":"k","port":4.43E2,"ratio":0.1234567890123456789,"ports":[ 9007199254740993]}';
      expect(decodeJson(type, exact)).toEqual({ key: '5e1c3a9f0e4d2b7a1e9c3d5', id: 'k', port: 443, ratio: new BigNumberValue('0.1234567890123456789'), ports: [new BigNumberValue('9007199254740993')] });
      expect(parse).not.toHaveBeenCalledWith(exact);
    } finally {
      parse.mockRestore();
    }
  });

  it('encodes unknown as go-cty does (fixext1, type 0) and keeps a refined unknown (extension 12)', () => {
    expect(Buffer.from(encodeMsgpack('string', UNKNOWN)).toString('hex')).toBe('d40000');
    // A refined unknown: a string known to start with "ab" and not be null ({1: false, 2: "ab"}).
    const payload = encode({ 1: false, 2: 'ab' });
    const refined = Buffer.concat([Buffer.from([0xc7, payload.length, 12]), Buffer.from(payload)]);
    const decoded = decodeMsgpack('string', refined) as Unknown;
    expect(decoded).toBeInstanceOf(Unknown);
    expect(decoded.refinement).toMatchObject({ notNull: true, stringPrefix: 'ab' });
    expect(Buffer.from(encodeMsgpack('string', decoded))).toEqual(refined);
  });

  it('reads every msgpack format another encoder writes (@msgpack/msgpack), and writes the same bytes for plain values', () => {
    const type: CtyType = { object: { a: { list: 'number' }, b: 'string', c: { map: 'bool' }, d: 'number', e: 'number' } };
    const long = 'é'.repeat(40_000);
    const numbers = [0, -1, -33, 127, 128, 255, 256, 65_535, 65_536, 2 ** 32, -(2 ** 31) - 1, 1.5, -0.25];
    const bytes = encode({ a: [...numbers, ...Array(20).fill(7)], b: long, c: Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`k${i}`, i % 2 === 0])), d: 2n ** 63n - 1n, e: -(2n ** 62n) }, { useBigInt64: true });
    const decoded = decodeMsgpack(type, bytes) as Record<string, CtyValue>;
    expect(decoded.a).toEqual([...numbers, ...Array(20).fill(7)]);
    expect(decoded.b).toBe(long);
    expect(Object.keys(decoded.c as object)).toHaveLength(20);
    expect(decoded.d).toEqual(new BigNumberValue('9223372036854775807'));
    expect(decoded.e).toEqual(new BigNumberValue('-4611686018427387904'));
    expect(decodeMsgpack('number', encode(1.5, { forceFloat32: true }))).toBe(1.5);
    // go-cty writes object attributes sorted by name; so does @msgpack/msgpack with sortKeys.
    const plain = { z: 'last', a: [1, 2, 300], m: { y: true, b: false } };
    const plainType: CtyType = { object: { z: 'string', a: { list: 'number' }, m: { map: 'bool' } } };
    expect(Buffer.from(encodeMsgpack(plainType, plain))).toEqual(Buffer.from(encode(plain, { sortKeys: true })));
  });

  it('writes each set element once', () => {
    expect(decodeMsgpack({ set: 'string' }, encodeMsgpack({ set: 'string' }, ['a', 'b', 'a', 'c', 'b']))).toEqual(['a', 'b', 'c']);
    const many = Array.from({ length: 40 }, (_, i) => `v${i % 20}`);
    expect(decodeMsgpack({ set: 'string' }, encodeMsgpack({ set: 'string' }, many))).toHaveLength(20);
  });

  it('keeps every set element that is or holds an unknown: none equals another', () => {
    const refined = new Unknown({ encoded: new Uint8Array([0x81, 0x01, 0xc2]) });
    const strings = decodeMsgpack({ set: 'string' }, encodeMsgpack({ set: 'string' }, ['alice', UNKNOWN, 'alice', UNKNOWN, refined, UNKNOWN]));
    expect(strings).toHaveLength(5);
    expect(strings).toEqual(['alice', UNKNOWN, expect.any(Unknown), expect.any(Unknown), expect.any(Unknown)]);
    const objects: CtyType = { set: { object: { name: 'string', id: 'string' } } };
    const partly = { name: 'x', id: UNKNOWN };
    expect(decodeMsgpack(objects, encodeMsgpack(objects, [partly, partly, { name: 'x', id: 'k' }, { name: 'x', id: 'k' }]))).toHaveLength(3);
  });

  it('meets random bytes with a CtyCodecError, never a crash or a hang', () => {
    const types: CtyType[] = ['string', 'number', { list: 'string' }, { object: { a: 'string', b: { set: 'number' } } }, 'dynamic'];
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), fc.constantFrom(...types), (bytes, type) => {
        for (const decode of [() => decodeMsgpack(type, bytes), () => decodeJson(type, bytes)]) {
          try {
            decode();
          } catch (error) {
            expect(error).toBeInstanceOf(CtyCodecError);
          }
        }
      }),
      { numRuns: 3000 },
    );
  });
});
