import { numberFromBigInt, numberFromDecimal } from './number';
import { typeFromJson, typeToJson } from './type-json';
import { BigNumberValue, type CtyType, CtyCodecError, type CtyValue, DynamicValueOf, UNKNOWN, Unknown, type UnknownRefinement } from './types';

/**
 * cty's msgpack encoding (go-cty cty/msgpack): null as nil, unknown as extension 0, refined
 * unknown as extension 12, numbers as int/float or a decimal string, objects as maps holding every
 * attribute (sorted by name, as go-cty writes them), dynamic values as [type JSON bytes, value].
 *
 * Decoded and encoded directly from and to the schema's type, in one pass over the bytes: no
 * intermediate plain-JS tree and no generic msgpack library. Every Terraform call carries a few
 * of these values, and at a thousand resources the codec showed in the provider's profile. (The
 * library also made module-level Error objects, which V8 cannot put into the standalone
 * executable's start-up snapshot.)
 */
const UNKNOWN_EXT = 0;
const REFINED_UNKNOWN_EXT = 12;
const MAX_DEPTH = 100;

export function decodeMsgpack(type: CtyType, bytes: Uint8Array): CtyValue {
  const reader = new Reader(bytes);
  const value = reader.value(type);
  if (reader.pos !== bytes.length) throw malformed(`${bytes.length - reader.pos} extra byte(s) after the value`);
  return value;
}

export function encodeMsgpack(type: CtyType, value: CtyValue): Uint8Array {
  const writer = new Writer();
  writer.value(type, value);
  return writer.result();
}

function malformed(message: string): CtyCodecError {
  return new CtyCodecError(`malformed msgpack DynamicValue: ${message}`);
}

/** The attribute names of an object type in go-cty's order (sorted), computed once per type. */
const sortedNames = new WeakMap<object, readonly string[]>();
function attributeNames(type: { readonly object: Readonly<Record<string, CtyType>> }): readonly string[] {
  let names = sortedNames.get(type);
  if (!names) {
    names = Object.keys(type.object).sort();
    sortedNames.set(type, names);
  }
  return names;
}

/** An ext 8/16/32 or fixext 1–16 format byte (go-cty writes unknowns as extensions). */
function isExtension(head: number): boolean {
  return (head >= 0xd4 && head <= 0xd8) || (head >= 0xc7 && head <= 0xc9);
}

function utf8Text(bytes: Uint8Array, start: number, end: number): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start).toString('utf8');
}

class Reader {
  pos = 0;
  private readonly view: DataView;
  /** Where the value being decoded sits, for error messages (copied only when one is thrown). */
  private readonly path: Array<string | number> = [];

  constructor(private readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  private fail(message: string): CtyCodecError {
    return new CtyCodecError(message, [...this.path]);
  }

  private need(count: number): void {
    if (this.pos + count > this.bytes.length) throw malformed('unexpected end of data');
  }

  private byte(): number {
    this.need(1);
    return this.bytes[this.pos++];
  }

  private uint(size: 1 | 2 | 4): number {
    this.need(size);
    const at = this.pos;
    this.pos += size;
    return size === 1 ? this.bytes[at] : size === 2 ? this.view.getUint16(at) : this.view.getUint32(at);
  }

  value(type: CtyType): CtyValue {
    if (this.path.length > MAX_DEPTH) throw this.fail('value nesting is too deep');
    const head = this.byte();
    if (head === 0xc0) return null;
    if (head === 0xc1) throw malformed('0xc1 is not a msgpack format');
    if (isExtension(head)) return this.unknown(head);
    if (type === 'dynamic') return this.dynamic(head);
    if (typeof type === 'string') {
      switch (type) {
        case 'string': {
          const text = this.stringOf(head);
          if (text === undefined) throw this.fail('expected a string');
          return text;
        }
        case 'bool':
          if (head === 0xc2) return false;
          if (head === 0xc3) return true;
          throw this.fail('expected a bool');
        case 'number':
          return this.number(head);
      }
    }
    if ('list' in type || 'set' in type) {
      const length = this.arrayLength(head);
      if (length === undefined) throw this.fail(`expected a ${'list' in type ? 'list' : 'set'}`);
      const element = 'list' in type ? type.list : type.set;
      return this.items(length, () => element);
    }
    if ('tuple' in type) {
      const length = this.arrayLength(head);
      if (length !== type.tuple.length) throw this.fail(`expected a tuple of ${type.tuple.length} elements`);
      return this.items(length, (index) => type.tuple[index]);
    }
    const size = this.mapLength(head);
    if (size === undefined) throw this.fail(`expected ${'map' in type ? 'a map' : 'an object'}`);
    this.count(size);
    const result: Record<string, CtyValue> = {};
    if ('map' in type) {
      for (let i = 0; i < size; i++) {
        const key = this.key();
        this.path.push(key);
        result[key] = this.value(type.map);
        this.path.pop();
      }
      return result;
    }
    for (let i = 0; i < size; i++) {
      const key = this.key();
      const attributeType = Object.prototype.hasOwnProperty.call(type.object, key) ? type.object[key] : undefined;
      if (attributeType === undefined) throw this.fail(`unsupported attribute "${key}"`);
      this.path.push(key);
      result[key] = this.value(attributeType);
      this.path.pop();
    }
    // Every attribute is present, null where the bytes left it out.
    for (const name of attributeNames(type)) if (!(name in result)) result[name] = null;
    return result;
  }

  /** Each element or entry takes at least one byte: a larger count is a lie. */
  private count(length: number): number {
    if (length > this.bytes.length - this.pos) throw malformed('unexpected end of data');
    return length;
  }

  private items(length: number, typeAt: (index: number) => CtyType): CtyValue[] {
    this.count(length);
    const items = new Array<CtyValue>(length);
    for (let i = 0; i < length; i++) {
      this.path.push(i);
      items[i] = this.value(typeAt(i));
      this.path.pop();
    }
    return items;
  }

  private key(): string {
    const key = this.stringOf(this.byte());
    if (key === undefined) throw this.fail('map keys must be strings');
    return key;
  }

  private dynamic(head: number): DynamicValueOf {
    if (this.arrayLength(head) !== 2) throw this.fail('a dynamic value must be [type JSON, value]');
    const typeHead = this.byte();
    const typeText = this.stringOf(typeHead) ?? this.binaryAsText(typeHead);
    if (typeText === undefined) throw this.fail('a dynamic value must be [type JSON, value]');
    let concrete: CtyType;
    try {
      concrete = typeFromJson(JSON.parse(typeText));
    } catch (error) {
      throw this.fail(`invalid type of a dynamic value: ${(error as Error).message}`);
    }
    return new DynamicValueOf(concrete, this.value(concrete));
  }

  private number(head: number): number | BigNumberValue {
    if (head <= 0x7f) return head;
    if (head >= 0xe0) return head - 0x100;
    const at = this.pos;
    switch (head) {
      case 0xcc:
        return this.uint(1);
      case 0xcd:
        return this.uint(2);
      case 0xce:
        return this.uint(4);
      case 0xcf:
        this.need(8);
        this.pos += 8;
        return numberFromBigInt(this.view.getBigUint64(at));
      case 0xd0:
        this.need(1);
        this.pos += 1;
        return this.view.getInt8(at);
      case 0xd1:
        this.need(2);
        this.pos += 2;
        return this.view.getInt16(at);
      case 0xd2:
        this.need(4);
        this.pos += 4;
        return this.view.getInt32(at);
      case 0xd3:
        this.need(8);
        this.pos += 8;
        return numberFromBigInt(this.view.getBigInt64(at));
      case 0xca:
      case 0xcb: {
        const size = head === 0xca ? 4 : 8;
        this.need(size);
        this.pos += size;
        const value = size === 4 ? this.view.getFloat32(at) : this.view.getFloat64(at);
        if (!Number.isFinite(value)) throw this.fail('numbers must be finite');
        return value;
      }
    }
    const text = this.stringOf(head);
    if (text === undefined) throw this.fail('expected a number');
    return numberFromDecimal(text, [...this.path]);
  }

  /** A str of any size, or undefined when `head` starts no string. */
  private stringOf(head: number): string | undefined {
    let length: number;
    if (head >= 0xa0 && head <= 0xbf) length = head - 0xa0;
    else if (head === 0xd9) length = this.uint(1);
    else if (head === 0xda) length = this.uint(2);
    else if (head === 0xdb) length = this.uint(4);
    else return undefined;
    return this.utf8(length);
  }

  private binaryAsText(head: number): string | undefined {
    const length = this.binaryLength(head);
    return length === undefined ? undefined : this.utf8(length);
  }

  /** The byte count of a bin 8/16/32 (its bytes follow), or undefined when `head` starts no binary. */
  private binaryLength(head: number): number | undefined {
    if (head === 0xc4) return this.uint(1);
    if (head === 0xc5) return this.uint(2);
    if (head === 0xc6) return this.uint(4);
    return undefined;
  }

  private utf8(length: number): string {
    this.need(length);
    const { bytes } = this;
    const start = this.pos;
    const end = start + length;
    this.pos = end;
    // Names and most values are short ASCII: building them directly beats a TextDecoder call.
    if (length <= 64) {
      let text = '';
      for (let i = start; i < end; i++) {
        const code = bytes[i];
        if (code >= 0x80) return utf8Text(bytes, start, end);
        text += String.fromCharCode(code);
      }
      return text;
    }
    return utf8Text(bytes, start, end);
  }

  private arrayLength(head: number): number | undefined {
    if (head >= 0x90 && head <= 0x9f) return head - 0x90;
    if (head === 0xdc) return this.uint(2);
    if (head === 0xdd) return this.uint(4);
    return undefined;
  }

  private mapLength(head: number): number | undefined {
    if (head >= 0x80 && head <= 0x8f) return head - 0x80;
    if (head === 0xde) return this.uint(2);
    if (head === 0xdf) return this.uint(4);
    return undefined;
  }

  private extension(head: number): { type: number; data: Uint8Array } {
    const size = head >= 0xd4 && head <= 0xd8 ? 1 << (head - 0xd4) : this.uint(head === 0xc7 ? 1 : head === 0xc8 ? 2 : 4);
    this.need(1 + size);
    const type = this.view.getInt8(this.pos);
    const data = this.bytes.subarray(this.pos + 1, this.pos + 1 + size);
    this.pos += 1 + size;
    return { type, data };
  }

  private unknown(head: number): Unknown {
    const { type, data } = this.extension(head);
    if (type === UNKNOWN_EXT) return UNKNOWN;
    if (type !== REFINED_UNKNOWN_EXT) throw this.fail(`unexpected msgpack extension type ${type}`);
    const refinement: UnknownRefinement = { encoded: data };
    try {
      const fields = data.length > 0 ? new Reader(data).any(0) : undefined;
      if (fields instanceof Map) {
        // go-cty writes integer keys; accept their string form too.
        const get = (key: number) => (fields.has(key) ? fields.get(key) : fields.get(String(key)));
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

  /** Any msgpack value without a type (a refinement's fields): maps as Map. */
  private any(depth: number): unknown {
    if (depth > MAX_DEPTH) throw malformed('value nesting is too deep');
    const head = this.byte();
    if (head === 0xc0) return null;
    if (head === 0xc2 || head === 0xc3) return head === 0xc3;
    const text = this.stringOf(head);
    if (text !== undefined) return text;
    const arrayLength = this.arrayLength(head);
    if (arrayLength !== undefined) return Array.from({ length: this.count(arrayLength) }, () => this.any(depth + 1));
    const mapLength = this.mapLength(head);
    if (mapLength !== undefined) {
      const map = new Map<unknown, unknown>();
      for (let i = 0, n = this.count(mapLength); i < n; i++) map.set(this.any(depth + 1), this.any(depth + 1));
      return map;
    }
    if (isExtension(head)) return this.extension(head);
    const length = this.binaryLength(head);
    if (length !== undefined) {
      this.need(length);
      this.pos += length;
      return this.bytes.subarray(this.pos - length, this.pos);
    }
    if ((head >= 0xcc && head <= 0xd3) || head <= 0x7f || head >= 0xe0) {
      const value = this.number(head);
      return value instanceof BigNumberValue ? BigInt(value.text) : value;
    }
    if (head === 0xca || head === 0xcb) return this.number(head);
    throw malformed(`unexpected byte 0x${head.toString(16)}`);
  }
}

class Writer {
  private bytes = new Uint8Array(256);
  private view = new DataView(this.bytes.buffer);
  private pos = 0;
  private readonly path: Array<string | number> = [];
  /** Unknown values written so far: tells whether a set element holds one. */
  private unknowns = 0;

  result(): Uint8Array {
    return this.bytes.subarray(0, this.pos);
  }

  private fail(message: string): CtyCodecError {
    return new CtyCodecError(message, [...this.path]);
  }

  private room(count: number): void {
    if (this.pos + count <= this.bytes.length) return;
    let size = this.bytes.length * 2;
    while (size < this.pos + count) size *= 2;
    const grown = new Uint8Array(size);
    grown.set(this.bytes.subarray(0, this.pos));
    this.bytes = grown;
    this.view = new DataView(grown.buffer);
  }

  private byte(value: number): void {
    this.room(1);
    this.bytes[this.pos++] = value;
  }

  /** A format byte followed by a big-endian unsigned of `size` bytes. */
  private head(format: number, size: 1 | 2 | 4, value: number): void {
    this.room(1 + size);
    this.bytes[this.pos++] = format;
    if (size === 1) this.bytes[this.pos] = value;
    else if (size === 2) this.view.setUint16(this.pos, value);
    else this.view.setUint32(this.pos, value);
    this.pos += size;
  }

  private sized(length: number, fix: number, fixLimit: number, format16: number, format32: number): void {
    if (length < fixLimit) this.byte(fix + length);
    else if (length <= 0xffff) this.head(format16, 2, length);
    else this.head(format32, 4, length);
  }

  private string(text: string): void {
    const length = text.length;
    // ASCII (the common case) is one byte per character: write it in place.
    if (length <= 64) {
      let ascii = true;
      for (let i = 0; i < length; i++) {
        if (text.charCodeAt(i) >= 0x80) {
          ascii = false;
          break;
        }
      }
      if (ascii) {
        this.stringHead(length);
        this.room(length);
        for (let i = 0; i < length; i++) this.bytes[this.pos++] = text.charCodeAt(i);
        return;
      }
    }
    const encoded = Buffer.from(text, 'utf8');
    this.stringHead(encoded.length);
    this.raw(encoded);
  }

  private stringHead(length: number): void {
    if (length < 32) this.byte(0xa0 + length);
    else if (length <= 0xff) this.head(0xd9, 1, length);
    else if (length <= 0xffff) this.head(0xda, 2, length);
    else this.head(0xdb, 4, length);
  }

  private raw(data: Uint8Array): void {
    this.room(data.length);
    this.bytes.set(data, this.pos);
    this.pos += data.length;
  }

  private binary(data: Uint8Array): void {
    if (data.length <= 0xff) this.head(0xc4, 1, data.length);
    else if (data.length <= 0xffff) this.head(0xc5, 2, data.length);
    else this.head(0xc6, 4, data.length);
    this.raw(data);
  }

  private extension(type: number, data: Uint8Array): void {
    const fixed = [1, 2, 4, 8, 16].indexOf(data.length);
    if (fixed >= 0) this.byte(0xd4 + fixed);
    else if (data.length <= 0xff) this.head(0xc7, 1, data.length);
    else if (data.length <= 0xffff) this.head(0xc8, 2, data.length);
    else this.head(0xc9, 4, data.length);
    this.byte(type);
    this.raw(data);
  }

  private number(value: number): void {
    if (Number.isSafeInteger(value)) {
      if (value >= 0) {
        if (value < 0x80) this.byte(value);
        else if (value <= 0xff) this.head(0xcc, 1, value);
        else if (value <= 0xffff) this.head(0xcd, 2, value);
        else if (value <= 0xffffffff) this.head(0xce, 4, value);
        else {
          this.room(9);
          this.bytes[this.pos++] = 0xcf;
          this.view.setBigUint64(this.pos, BigInt(value));
          this.pos += 8;
        }
        return;
      }
      if (value >= -0x20) return this.byte(value + 0x100);
      this.room(9);
      if (value >= -0x80) {
        this.bytes[this.pos++] = 0xd0;
        this.view.setInt8(this.pos++, value);
      } else if (value >= -0x8000) {
        this.bytes[this.pos++] = 0xd1;
        this.view.setInt16(this.pos, value);
        this.pos += 2;
      } else if (value >= -0x80000000) {
        this.bytes[this.pos++] = 0xd2;
        this.view.setInt32(this.pos, value);
        this.pos += 4;
      } else {
        this.bytes[this.pos++] = 0xd3;
        this.view.setBigInt64(this.pos, BigInt(value));
        this.pos += 8;
      }
      return;
    }
    this.room(9);
    this.bytes[this.pos++] = 0xcb;
    this.view.setFloat64(this.pos, value);
    this.pos += 8;
  }

  value(type: CtyType, value: CtyValue): void {
    if (this.path.length > MAX_DEPTH) throw this.fail('value nesting is too deep');
    if (value === null || value === undefined) return this.byte(0xc0);
    if (value instanceof Unknown) {
      this.unknowns++;
      const encoded = value.refinement?.encoded;
      return encoded ? this.extension(REFINED_UNKNOWN_EXT, encoded) : this.extension(UNKNOWN_EXT, new Uint8Array([0]));
    }
    if (type === 'dynamic') {
      if (!(value instanceof DynamicValueOf)) throw this.fail('a dynamic attribute needs a DynamicValueOf');
      this.byte(0x92);
      this.binary(Buffer.from(JSON.stringify(typeToJson(value.type)), 'utf8'));
      return this.value(value.type, value.value);
    }
    if (typeof type === 'string') {
      switch (type) {
        case 'string':
          if (typeof value !== 'string') throw this.fail('expected a string');
          return this.string(value);
        case 'bool':
          if (typeof value !== 'boolean') throw this.fail('expected a bool');
          return this.byte(value ? 0xc3 : 0xc2);
        case 'number':
          if (value instanceof BigNumberValue) return this.string(value.text);
          if (typeof value !== 'number' || !Number.isFinite(value)) throw this.fail('expected a finite number');
          return this.number(value);
      }
    }
    if ('list' in type || 'tuple' in type || 'set' in type) {
      if (!Array.isArray(value)) throw this.fail('expected an array');
      if ('set' in type) return this.set(type.set, value);
      this.sized(value.length, 0x90, 16, 0xdc, 0xdd);
      for (let i = 0; i < value.length; i++) {
        this.path.push(i);
        this.value('list' in type ? type.list : type.tuple[i], value[i]);
        this.path.pop();
      }
      return;
    }
    if (typeof value !== 'object' || Array.isArray(value) || value instanceof BigNumberValue || value instanceof DynamicValueOf) {
      throw this.fail(`expected ${'map' in type ? 'a map' : 'an object'}`);
    }
    if ('map' in type) {
      const keys = Object.keys(value).sort();
      this.sized(keys.length, 0x80, 16, 0xde, 0xdf);
      for (const key of keys) {
        this.string(key);
        this.path.push(key);
        this.value(type.map, value[key]);
        this.path.pop();
      }
      return;
    }
    const names = attributeNames(type);
    this.sized(names.length, 0x80, 16, 0xde, 0xdf);
    for (const name of names) {
      this.string(name);
      this.path.push(name);
      this.value(type.object[name], value[name] ?? null);
      this.path.pop();
    }
  }

  /**
   * Sets hold each value once: known elements are compared by their encoding. They are written in
   * place; a duplicate (Terraform sends none, a resource might) is taken back and the count
   * rewritten. An element that is or holds an unknown equals no other element (as in go-cty: each
   * may become anything), so `[a, unknown, unknown]` keeps both unknowns.
   */
  private set(element: CtyType, items: readonly CtyValue[]): void {
    const headerAt = this.pos;
    this.sized(items.length, 0x90, 16, 0xdc, 0xdd);
    const elementsAt = this.pos;
    const seen = new Set<string>();
    let count = 0;
    for (let i = 0; i < items.length; i++) {
      const start = this.pos;
      const unknownsBefore = this.unknowns;
      this.path.push(i);
      this.value(element, items[i]);
      this.path.pop();
      if (this.unknowns > unknownsBefore) {
        count++;
        continue;
      }
      const key = Buffer.from(this.bytes.buffer, this.bytes.byteOffset + start, this.pos - start).toString('latin1');
      if (seen.has(key)) this.pos = start;
      else {
        seen.add(key);
        count++;
      }
    }
    if (count === items.length) return;
    const elements = this.bytes.slice(elementsAt, this.pos);
    this.pos = headerAt;
    this.sized(count, 0x90, 16, 0xdc, 0xdd);
    this.raw(elements);
  }
}
