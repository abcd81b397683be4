import { decode, encode, ExtData } from '@msgpack/msgpack';
import { numberFromBigInt, numberFromDecimal } from './number';
import { typeFromJson, typeToJson } from './type-json';
import { BigNumberValue, type CtyType, CtyCodecError, type CtyValue, DynamicValueOf, UNKNOWN, Unknown, type UnknownRefinement } from './types';

/**
 * cty's msgpack encoding (go-cty cty/msgpack): null as nil, unknown as extension 0, refined
 * unknown as extension 12, numbers as int/float or a decimal string, objects as maps holding every
 * attribute, dynamic values as [type JSON bytes, value].
 */
const UNKNOWN_EXT = 0;
const REFINED_UNKNOWN_EXT = 12;
const MAX_DEPTH = 100;

type Path = Array<string | number>;

export function decodeMsgpack(type: CtyType, bytes: Uint8Array): CtyValue {
  let raw: unknown;
  try {
    raw = decode(bytes, { useBigInt64: true });
  } catch (error) {
    throw new CtyCodecError(`malformed msgpack DynamicValue: ${(error as Error).message}`);
  }
  return fromRaw(type, raw, []);
}

export function encodeMsgpack(type: CtyType, value: CtyValue): Uint8Array {
  return encode(toRaw(type, value, []), { useBigInt64: true, sortKeys: true, maxDepth: MAX_DEPTH + 10 });
}

function fromRaw(type: CtyType, raw: unknown, path: Path): CtyValue {
  if (path.length > MAX_DEPTH) throw new CtyCodecError('value nesting is too deep', path);
  if (raw === null || raw === undefined) return null;
  if (raw instanceof ExtData) return unknownFrom(raw, path);
  if (type === 'dynamic') {
    if (!Array.isArray(raw) || raw.length !== 2 || !(raw[0] instanceof Uint8Array || typeof raw[0] === 'string')) {
      throw new CtyCodecError('a dynamic value must be [type JSON, value]', path);
    }
    const typeText = typeof raw[0] === 'string' ? raw[0] : Buffer.from(raw[0]).toString('utf8');
    let concrete: CtyType;
    try {
      concrete = typeFromJson(JSON.parse(typeText));
    } catch (error) {
      throw new CtyCodecError(`invalid type of a dynamic value: ${(error as Error).message}`, path);
    }
    return new DynamicValueOf(concrete, fromRaw(concrete, raw[1], path));
  }
  if (typeof type === 'string') return primitiveFrom(type, raw, path);
  if ('list' in type || 'set' in type) {
    if (!Array.isArray(raw)) throw new CtyCodecError(`expected a ${'list' in type ? 'list' : 'set'}`, path);
    const element = 'list' in type ? type.list : type.set;
    return raw.map((item, index) => fromRaw(element, item, [...path, index]));
  }
  if ('tuple' in type) {
    if (!Array.isArray(raw) || raw.length !== type.tuple.length) throw new CtyCodecError(`expected a tuple of ${type.tuple.length} elements`, path);
    return raw.map((item, index) => fromRaw(type.tuple[index], item, [...path, index]));
  }
  if (!isPlainMap(raw)) throw new CtyCodecError(`expected ${'map' in type ? 'a map' : 'an object'}`, path);
  if ('map' in type) {
    return Object.fromEntries(Object.entries(raw).map(([key, item]) => [key, fromRaw(type.map, item, [...path, key])]));
  }
  const result: Record<string, CtyValue> = {};
  for (const key of Object.keys(raw)) {
    if (!(key in type.object)) throw new CtyCodecError(`unsupported attribute "${key}"`, path);
  }
  for (const [name, attributeType] of Object.entries(type.object)) {
    result[name] = fromRaw(attributeType, raw[name], [...path, name]);
  }
  return result;
}

function primitiveFrom(type: 'string' | 'number' | 'bool', raw: unknown, path: Path): CtyValue {
  switch (type) {
    case 'string':
      if (typeof raw !== 'string') throw new CtyCodecError('expected a string', path);
      return raw;
    case 'bool':
      if (typeof raw !== 'boolean') throw new CtyCodecError('expected a bool', path);
      return raw;
    case 'number':
      if (typeof raw === 'number') {
        if (!Number.isFinite(raw)) throw new CtyCodecError('numbers must be finite', path);
        return raw;
      }
      if (typeof raw === 'bigint') return numberFromBigInt(raw);
      if (typeof raw === 'string') return numberFromDecimal(raw, path);
      throw new CtyCodecError('expected a number', path);
  }
}

function unknownFrom(ext: ExtData, path: Path): Unknown {
  if (ext.type === UNKNOWN_EXT) return UNKNOWN;
  if (ext.type !== REFINED_UNKNOWN_EXT) throw new CtyCodecError(`unexpected msgpack extension type ${ext.type}`, path);
  const data = ext.data instanceof Uint8Array ? ext.data : new Uint8Array(0);
  const refinement: UnknownRefinement = { encoded: data };
  try {
    const fields = data.length > 0 ? decode(data, { useBigInt64: true }) : {};
    if (fields instanceof Map || isPlainMap(fields)) {
      const get = (key: number) => (fields instanceof Map ? fields.get(key) : (fields as Record<string, unknown>)[String(key)]);
      if (get(1) === false) refinement.notNull = true;
      if (typeof get(2) === 'string') refinement.stringPrefix = get(2) as string;
      const length = (value: unknown) => (typeof value === 'bigint' ? Number(value) : typeof value === 'number' ? value : undefined);
      refinement.collectionLengthLowerBound = length(get(5));
      refinement.collectionLengthUpperBound = length(get(6));
    }
  } catch {
    // Terraform only adds refinements to help planning; an unreadable one still means "unknown".
  }
  return new Unknown(refinement);
}

function toRaw(type: CtyType, value: CtyValue, path: Path): unknown {
  if (path.length > MAX_DEPTH) throw new CtyCodecError('value nesting is too deep', path);
  if (value === null || value === undefined) return null;
  if (value instanceof Unknown) {
    const encoded = value.refinement?.encoded;
    return encoded ? new ExtData(REFINED_UNKNOWN_EXT, encoded) : new ExtData(UNKNOWN_EXT, new Uint8Array([0]));
  }
  if (type === 'dynamic') {
    if (!(value instanceof DynamicValueOf)) throw new CtyCodecError('a dynamic attribute needs a DynamicValueOf', path);
    return [new TextEncoder().encode(JSON.stringify(typeToJson(value.type))), toRaw(value.type, value.value, path)];
  }
  if (typeof type === 'string') {
    switch (type) {
      case 'string':
        if (typeof value !== 'string') throw new CtyCodecError('expected a string', path);
        return value;
      case 'bool':
        if (typeof value !== 'boolean') throw new CtyCodecError('expected a bool', path);
        return value;
      case 'number':
        if (value instanceof BigNumberValue) return value.text;
        if (typeof value !== 'number' || !Number.isFinite(value)) throw new CtyCodecError('expected a finite number', path);
        return value;
    }
  }
  if ('list' in type || 'tuple' in type || 'set' in type) {
    if (!Array.isArray(value)) throw new CtyCodecError('expected an array', path);
    if ('tuple' in type) return value.map((item, i) => toRaw(type.tuple[i], item, [...path, i]));
    const element = 'list' in type ? type.list : type.set;
    const items = value.map((item, i) => toRaw(element, item, [...path, i]));
    if ('list' in type) return items;
    // Sets hold each value once.
    const seen = new Set<string>();
    return items.filter((item) => {
      const key = JSON.stringify(item, (_k, v) => (typeof v === 'bigint' ? v.toString() : v instanceof ExtData ? { ext: v.type } : v));
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  }
  if (typeof value !== 'object' || Array.isArray(value) || value instanceof BigNumberValue || value instanceof DynamicValueOf) {
    throw new CtyCodecError(`expected ${'map' in type ? 'a map' : 'an object'}`, path);
  }
  if ('map' in type) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toRaw(type.map, v, [...path, k])]));
  return Object.fromEntries(Object.entries(type.object).map(([name, t]) => [name, toRaw(t, value[name] ?? null, [...path, name])]));
}

function isPlainMap(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Uint8Array) && !(value instanceof ExtData);
}
