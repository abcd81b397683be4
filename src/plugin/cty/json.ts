import { numberFromDecimal } from './number';
import { typeFromJson, typeToJson } from './type-json';
import { BigNumberValue, type CtyType, CtyCodecError, type CtyValue, DynamicValueOf, Unknown } from './types';

/**
 * cty's JSON encoding (go-cty cty/json), used for raw state: like msgpack but with no unknowns,
 * and numbers kept as their exact decimal text. JSON.parse would round big numbers, so the
 * document is tokenised here and number literals are kept as text until their type is known.
 */

/** A JSON number literal, kept as text. */
class NumberLiteral {
  constructor(readonly text: string) {}
}

type Raw = null | boolean | number | string | NumberLiteral | Raw[] | { [key: string]: Raw };
type Path = Array<string | number>;

const MAX_DEPTH = 100;

/**
 * A number literal that a float64 may not hold exactly: 16 or more digits, or an exponent; only
 * then is the slower tokeniser needed. A JSON number starts the text or follows ':', '[' or ','
 * (and whitespace), so only such positions are checked: hex keys and UUIDs in strings ("…3e…")
 * do not count. Text inside a string such as ", 1e5" still matches; that only costs time.
 */
const INEXACT_NUMBER = /(?:^|[:[,])\s*-?(?:[\d.]{16}|\d+(?:\.\d+)?[eE])/;

export function decodeJson(type: CtyType, input: string | Uint8Array): CtyValue {
  const text = typeof input === 'string' ? input : Buffer.from(input).toString('utf8');
  // Raw state comes with every refresh; JSON.parse is many times faster than the tokeniser, and
  // exact for every number literal of at most 15 significant digits.
  let raw: Raw | undefined;
  if (!INEXACT_NUMBER.test(text)) {
    try {
      raw = JSON.parse(text) as Raw;
    } catch {
      // The tokeniser below reports where the text is malformed.
    }
  }
  return fromRaw(type, raw === undefined ? parse(text) : raw, []);
}

export function encodeJson(type: CtyType, value: CtyValue): string {
  return serialise(toJsonValue(type, value, []));
}

/** `path` is the position being decoded: pushed and popped, copied only into an error. */
function fromRaw(type: CtyType, raw: Raw, path: Path): CtyValue {
  const fail = (message: string) => new CtyCodecError(message, [...path]);
  if (raw === null) return null;
  if (type === 'dynamic') {
    if (!isObject(raw) || !('type' in raw) || !('value' in raw)) throw fail('a dynamic value must be {"type", "value"}');
    const concrete = typeFromJson(plain(raw.type));
    return new DynamicValueOf(concrete, fromRaw(concrete, raw.value, path));
  }
  if (type === 'string') {
    if (typeof raw !== 'string') throw fail('expected a string');
    return raw;
  }
  if (type === 'bool') {
    if (typeof raw !== 'boolean') throw fail('expected a bool');
    return raw;
  }
  if (type === 'number') {
    if (typeof raw === 'number') return raw;
    if (raw instanceof NumberLiteral) return numberFromDecimal(raw.text, [...path]);
    if (typeof raw === 'string') return numberFromDecimal(raw, [...path]);
    throw fail('expected a number');
  }
  if ('list' in type || 'set' in type || 'tuple' in type) {
    if (!Array.isArray(raw)) throw fail('expected an array');
    if ('tuple' in type && raw.length !== type.tuple.length) throw fail(`expected a tuple of ${type.tuple.length} elements`);
    const items = new Array<CtyValue>(raw.length);
    for (let i = 0; i < raw.length; i++) {
      path.push(i);
      items[i] = fromRaw('tuple' in type ? type.tuple[i] : 'list' in type ? type.list : type.set, raw[i], path);
      path.pop();
    }
    return items;
  }
  if (!isObject(raw)) throw fail(`expected ${'map' in type ? 'a map' : 'an object'}`);
  const result: Record<string, CtyValue> = {};
  if ('map' in type) {
    for (const key of Object.keys(raw)) {
      path.push(key);
      result[key] = fromRaw(type.map, raw[key], path);
      path.pop();
    }
    return result;
  }
  for (const key of Object.keys(raw)) if (!Object.prototype.hasOwnProperty.call(type.object, key)) throw fail(`unsupported attribute "${key}"`);
  for (const name of Object.keys(type.object)) {
    path.push(name);
    result[name] = fromRaw(type.object[name], raw[name] ?? null, path);
    path.pop();
  }
  return result;
}

function toJsonValue(type: CtyType, value: CtyValue, path: Path): Raw {
  if (value === null || value === undefined) return null;
  if (value instanceof Unknown) throw new CtyCodecError('unknown values cannot be encoded as JSON', path);
  if (type === 'dynamic') {
    if (!(value instanceof DynamicValueOf)) throw new CtyCodecError('a dynamic attribute needs a DynamicValueOf', path);
    return { value: toJsonValue(value.type, value.value, path), type: fromPlain(typeToJson(value.type)) };
  }
  if (type === 'number') {
    if (value instanceof BigNumberValue) return new NumberLiteral(value.text);
    if (typeof value !== 'number' || !Number.isFinite(value)) throw new CtyCodecError('expected a finite number', path);
    return new NumberLiteral(String(value));
  }
  if (type === 'string' || type === 'bool') {
    if (typeof value !== (type === 'string' ? 'string' : 'boolean')) throw new CtyCodecError(`expected a ${type}`, path);
    return value as string | boolean;
  }
  if ('list' in type || 'set' in type || 'tuple' in type) {
    if (!Array.isArray(value)) throw new CtyCodecError('expected an array', path);
    return value.map((item, i) => toJsonValue('tuple' in type ? type.tuple[i] : 'list' in type ? type.list : type.set, item, [...path, i]));
  }
  if (typeof value !== 'object' || Array.isArray(value) || value instanceof BigNumberValue || value instanceof DynamicValueOf) {
    throw new CtyCodecError('expected an object', path);
  }
  if ('map' in type) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toJsonValue(type.map, v, [...path, k])]));
  return Object.fromEntries(Object.entries(type.object).map(([name, t]) => [name, toJsonValue(t, value[name] ?? null, [...path, name])]));
}

function isObject(raw: Raw): raw is { [key: string]: Raw } {
  return raw !== null && typeof raw === 'object' && !Array.isArray(raw) && !(raw instanceof NumberLiteral);
}

function plain(raw: Raw): unknown {
  if (raw instanceof NumberLiteral) return Number(raw.text);
  if (typeof raw === 'number') return raw;
  if (Array.isArray(raw)) return raw.map(plain);
  if (isObject(raw)) return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, plain(v)]));
  return raw;
}

function fromPlain(value: unknown): Raw {
  if (typeof value === 'number') return new NumberLiteral(String(value));
  if (Array.isArray(value)) return value.map(fromPlain);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fromPlain(v)]));
  return value as Raw;
}

function serialise(raw: Raw): string {
  if (raw instanceof NumberLiteral) return raw.text;
  if (typeof raw === 'number') return String(raw);
  if (Array.isArray(raw)) return `[${raw.map(serialise).join(',')}]`;
  if (isObject(raw)) return `{${Object.entries(raw).map(([k, v]) => `${JSON.stringify(k)}:${serialise(v)}`).join(',')}}`;
  return JSON.stringify(raw);
}

/** A strict JSON parser that keeps number literals as text. */
function parse(text: string): Raw {
  let position = 0;
  const fail = (what: string): never => {
    throw new CtyCodecError(`malformed JSON at offset ${position}: ${what}`);
  };
  const skipSpace = () => {
    while (position < text.length && ' \t\r\n'.includes(text[position])) position++;
  };
  const value = (depth: number): Raw => {
    if (depth > MAX_DEPTH) fail('nesting is too deep');
    skipSpace();
    const char = text[position];
    if (char === '{') {
      position++;
      const object: { [key: string]: Raw } = {};
      skipSpace();
      if (text[position] === '}') return position++, object;
      for (;;) {
        skipSpace();
        if (text[position] !== '"') fail('expected a key');
        const key = string();
        skipSpace();
        if (text[position++] !== ':') fail('expected ":"');
        object[key] = value(depth + 1);
        skipSpace();
        const next = text[position++];
        if (next === '}') return object;
        if (next !== ',') fail('expected "," or "}"');
      }
    }
    if (char === '[') {
      position++;
      const array: Raw[] = [];
      skipSpace();
      if (text[position] === ']') return position++, array;
      for (;;) {
        array.push(value(depth + 1));
        skipSpace();
        const next = text[position++];
        if (next === ']') return array;
        if (next !== ',') fail('expected "," or "]"');
      }
    }
    if (char === '"') return string();
    for (const [word, result] of [['true', true], ['false', false], ['null', null]] as const) {
      if (text.startsWith(word, position)) return (position += word.length), result;
    }
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(position, position + 1100));
    if (!match) return fail('unexpected character');
    position += match[0].length;
    return new NumberLiteral(match[0]);
  };
  const string = (): string => {
    const start = position;
    position++;
    while (position < text.length && text[position] !== '"') position += text[position] === '\\' ? 2 : 1;
    if (position >= text.length) fail('unterminated string');
    position++;
    try {
      return JSON.parse(text.slice(start, position)) as string;
    } catch {
      return fail('invalid string');
    }
  };
  const result = value(0);
  skipSpace();
  if (position !== text.length) fail('trailing characters');
  return result;
}
