/**
 * The cty type system as the plugin protocol carries it (see go-cty). Values are plain JS data so that
 * resources can work with them directly; only what plain JS cannot express gets a class.
 */

/** A cty type. Objects may mark attributes optional (only meaningful in type constraints). */
export type CtyType =
  | 'string'
  | 'number'
  | 'bool'
  | 'dynamic'
  | { readonly list: CtyType }
  | { readonly set: CtyType }
  | { readonly map: CtyType }
  | { readonly object: Readonly<Record<string, CtyType>>; readonly optional?: readonly string[] }
  | { readonly tuple: readonly CtyType[] };

/**
 * A value that is not known yet (planned). `refinement` carries what Terraform knows about it
 * (msgpack extension type 12); it is preserved on a round trip but otherwise informational.
 */
export class Unknown {
  constructor(readonly refinement?: UnknownRefinement) {}
}

export interface UnknownRefinement {
  /** Known to be non-null. */
  notNull?: boolean;
  /** For strings: a known prefix. */
  stringPrefix?: string;
  /** For numbers: inclusive/exclusive bounds as decimal strings. */
  numberLowerBound?: { value: string; inclusive: boolean };
  numberUpperBound?: { value: string; inclusive: boolean };
  /** For collections: length bounds. */
  collectionLengthLowerBound?: number;
  collectionLengthUpperBound?: number;
  /** The refinement exactly as Terraform sent it (msgpack extension 12 payload), re-sent unchanged. */
  encoded?: Uint8Array;
}

/** The singleton for a plain unknown value (no refinement). */
export const UNKNOWN = new Unknown();

/**
 * A number that a JS number cannot hold exactly (big integers, long decimals). Numbers that a
 * float64 represents exactly decode to plain `number`; everything else decodes to this, so that
 * arbitrary precision survives a round trip. `text` is a canonical decimal string.
 */
export class BigNumberValue {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

/** A value of type `dynamic`: it carries its concrete type. */
export class DynamicValueOf {
  constructor(
    readonly type: CtyType,
    readonly value: CtyValue,
  ) {}
}

/**
 * A cty value: null, Unknown, string, number/BigNumberValue, boolean, array (list, set, tuple),
 * plain object (map, object) or DynamicValueOf (for attributes of type dynamic).
 */
export type CtyValue =
  | null
  | Unknown
  | string
  | number
  | BigNumberValue
  | boolean
  | CtyValue[]
  | { [key: string]: CtyValue }
  | DynamicValueOf;

/** A decoding/encoding failure, with the attribute path where it happened. */
export class CtyCodecError extends Error {
  constructor(
    message: string,
    readonly path: ReadonlyArray<string | number> = [],
  ) {
    super(path.length ? `${message} (at ${formatCtyPath(path)})` : message);
    this.name = 'CtyCodecError';
  }
}

export function formatCtyPath(path: ReadonlyArray<string | number>): string {
  return path.map((step, i) => (typeof step === 'number' ? `[${step}]` : i === 0 ? step : `.${step}`)).join('');
}
