import * as z from 'zod';
import { visibleToReviewers } from './validators';

/**
 * The vocabulary a kind is described in (see kind.ts): each field's type, documentation,
 * validation, default, set or list semantics, references and sensitivity. The zod schemas, the
 * Terraform schema, the body mapping, the export writers, the docs and the constructs' props are
 * derived from these descriptions; nothing else lists a kind's fields.
 *
 * A field is a runtime `node` plus phantom types: the body's type (what the appliance stores), the
 * construct prop's type (camelCase, references typed by kind) and whether the prop may be left out.
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** How a field may be left out of a request body. */
export type Presence =
  | { readonly kind: 'required' }
  /** The appliance stores `value` when the field is left out (so the plan shows it). */
  | { readonly kind: 'default'; readonly value: Json }
  /** May be left out; the appliance then stores nothing. */
  | { readonly kind: 'optional' };

interface NodeBase {
  /** Markdown, shown in the docs, in `terraform providers schema` and in the bindings. */
  readonly doc: string;
  readonly presence: Presence;
  readonly nullable: boolean;
  readonly sensitive: boolean;
  /** The body's key when Terraform cannot spell it (the time policy's `Mon` is `mon`). */
  readonly apiName?: string;
  /** Rules beyond the type, on the parsed value (e.g. an interval's start before its end). */
  readonly refine?: (value: never, issue: (message: string, path?: ReadonlyArray<string | number>) => void) => void;
  /** How a hand-written construct's props spell the field, where that is not the camelCase body. */
  readonly prop?: PropSpelling;
  /** The field's strings are names that may be those of objects of another kind (a user list in a channel rule's groups). */
  readonly names?: NamedObjects;
}

/** Names that may be those of objects of `target`'s kind, and what a reviewer should know when one is. */
export interface NamedObjects {
  readonly target: () => ReferenceTarget;
  /** Shown at plan when a change adds the name of such an object (e.g. what else it needs to take effect). */
  readonly advice?: string;
}

/**
 * Construct sugar that cannot be inferred from the body's shape (say `limit: 30` for
 * `limit: { enabled: true, value: 30 }`): the CDKTF export writes props with it.
 */
export interface PropSpelling {
  /** The prop's name, where it is not the field's name in camelCase. */
  readonly name?: string;
  /** Variants: how a case is spelled, by its discriminator's value; a case not listed is the plain camelCase object. */
  readonly cases?: Readonly<Record<string, CaseSpelling>>;
  /** Variants: the spelling (an object) is merged into the enclosing props instead of being a prop of its own. */
  readonly flatten?: boolean;
}

export type CaseSpelling =
  /** The prop is left out (a feature switched off). */
  | 'omit'
  /** The discriminator's value (`'original'`). */
  | 'value'
  /** The case's fields as an object, without the discriminator. */
  | 'fields'
  /** The value of `field` (or the discriminator's, without it), wrapped as `{ [key]: value }` when `key` is given. */
  | { readonly field?: string; readonly key?: string };

export interface ScalarNode extends NodeBase {
  readonly type: 'string' | 'number' | 'bool';
  /** Validates the value; its messages follow the field path ("network.ports[0]: must be …"). */
  readonly schema: z.ZodType;
  /** Holds names a reviewer must be able to read (see `nameLike`). */
  readonly nameLike?: boolean;
}

export interface EnumNode extends NodeBase {
  readonly type: 'enum';
  readonly values: readonly string[];
  readonly message: string;
}

export interface ReferenceNode extends NodeBase {
  readonly type: 'reference';
  /** The referenced kind; a function, so that kinds may reference each other. */
  readonly target: () => ReferenceTarget;
}

export interface ListNode extends NodeBase {
  readonly type: 'list';
  readonly item: FieldNode;
  /** Membership matters, order does not: a set in Terraform, unique entries, compared sorted. */
  readonly set: boolean;
  /** Entries must be unique; names them in the message ("usernames must be unique"). */
  readonly unique?: string;
  readonly min?: { readonly count: number; readonly message: string };
  /** Exactly this many entries (e.g. an interval's start and end). */
  readonly length?: { readonly count: number; readonly message: string };
}

export interface ObjectNode extends NodeBase {
  readonly type: 'object';
  readonly fields: FieldNodes;
}

export interface VariantCase {
  /** The discriminator's value: a string (`selection`) or a boolean (`enabled`). */
  readonly value: string | boolean;
  readonly fields: FieldNodes;
  /**
   * The construct helper that makes this variant (`ServerAddress.fixed(address, port)`): the CDKTF
   * export writes it, taking `args` (field names, in order) from the body, then `options` (field
   * names) as one object of props (`ServerAddress.inband({ domains, … })`). Fields it does not
   * take are set on the generated resource.
   */
  readonly helper?: { readonly method: string; readonly args: readonly string[]; readonly options?: readonly string[] };
}

export interface VariantsNode extends NodeBase {
  readonly type: 'variants';
  /** The discriminator field, e.g. `selection` or `enabled`. */
  readonly on: string;
  readonly onDoc: string;
  readonly cases: readonly VariantCase[];
  /** Fields every variant has (e.g. a server address's `custom_dns`). */
  readonly shared: FieldNodes;
  readonly message: string;
  /** The construct class whose static methods make the variants (`ServerAddress`). */
  readonly helperClass?: string;
}

export type FieldNode = ScalarNode | EnumNode | ReferenceNode | ListNode | ObjectNode | VariantsNode;
export type FieldNodes = Readonly<Record<string, FieldNode>>;

/** What a reference needs to know of the kind it points into. */
export interface ReferenceTarget {
  readonly id: string;
  readonly kind: string;
  readonly path: string;
}

// ---- phantom types ------------------------------------------------------------------------

/** snake_case → camelCase, as the CDKTF bindings name attributes (`x509_identity` → `x509Identity`). */
export type Camel<S extends string> = S extends `${infer Head}_${infer Tail}` ? `${Head}${Capitalize<Camel<Tail>>}` : S;
type Simplify<T> = { [K in keyof T]: T[K] } & {};

/** A reference in construct props: the object its kind's `fromName`/`fromKey` returns (`{ httpChannelPolicyKey }`). */
export type KeyedReference<Id extends string> = { readonly [P in `${Camel<Id>}Key`]: string };

/** The value a construct helper class returns (`ServerAddress.fixed(…)`): its `config` is the props' shape. */
export interface Preset<Config> {
  readonly config: Config;
}

/** A described field: its node, and phantom types for the body, the construct prop and the prop's optionality. */
export class Field<Body, Prop, Optional extends boolean> {
  declare readonly types: { body: Body; prop: Prop; optional: Optional };
  constructor(readonly node: FieldNode) {}

  /** The appliance stores `value` when the field is left out. */
  default(value: Body & Json): Field<Body, Prop, true> {
    return new Field({ ...this.node, presence: { kind: 'default', value } });
  }

  /** May be left out. */
  optional(): Field<Body | undefined, Prop, true> {
    return new Field({ ...this.node, presence: { kind: 'optional' } });
  }

  /** Null is a value of its own (e.g. "no LDAP server"). */
  nullable(): Field<Body | null, Prop | null, Optional> {
    return new Field({ ...this.node, nullable: true });
  }

  sensitive(): Field<Body, Prop, Optional> {
    return new Field({ ...this.node, sensitive: true });
  }

  /** The body's key, where Terraform's attribute name cannot be the same. */
  apiName(name: string): Field<Body, Prop, Optional> {
    return new Field({ ...this.node, apiName: name });
  }

  /** How a hand-written construct's props spell the field (see PropSpelling). */
  prop(spelling: PropSpelling): Field<Body, Prop, Optional> {
    return new Field({ ...this.node, prop: spelling });
  }

  /** The field's strings may name objects of `target`'s kind (see NamedObjects). */
  names(target: () => ReferenceTarget, advice?: string): Field<Body, Prop, Optional> {
    return new Field({ ...this.node, names: { target, advice } });
  }

  /** A rule on the parsed value; `issue` reports a problem (at `path` below the field). */
  refine(rule: (value: Body, issue: (message: string, path?: ReadonlyArray<string | number>) => void) => void): Field<Body, Prop, Optional> {
    return new Field({ ...this.node, refine: rule as NodeBase['refine'] });
  }
}

export type AnyField = Field<unknown, unknown, boolean>;
export type Fields = Readonly<Record<string, AnyField>>;

type BodyOfField<F> = F extends Field<infer B, unknown, boolean> ? B : never;
type PropOfField<F> = F extends Field<unknown, infer P, boolean> ? P : never;
type OptionalKeys<F extends Fields> = { [K in keyof F]: F[K] extends Field<unknown, unknown, true> ? K : never }[keyof F];
type RequiredKeys<F extends Fields> = Exclude<keyof F, OptionalKeys<F>>;

type AbsentKeys<F extends Fields> = { [K in keyof F]: undefined extends BodyOfField<F[K]> ? K : never }[keyof F];

/** The body of an object with these fields (as the appliance stores it: defaults filled in, optional fields may be absent). */
export type BodyOf<F extends Fields> = Simplify<
  { -readonly [K in Exclude<keyof F, AbsentKeys<F>>]: BodyOfField<F[K]> } & { -readonly [K in AbsentKeys<F>]?: BodyOfField<F[K]> }
>;

/** Construct props for these fields: camelCase, references typed, fields with defaults optional. */
export type PropsOf<F extends Fields> = Simplify<
  { readonly [K in RequiredKeys<F> as Camel<K & string>]: PropOfField<F[K]> } & { readonly [K in OptionalKeys<F> as Camel<K & string>]?: PropOfField<F[K]> }
>;

type CaseValue<K extends string> = K extends 'true' ? true : K extends 'false' ? false : K;
type VariantBodies<On extends string, Shared extends Fields, C extends Record<string, Fields>> = {
  [K in keyof C & string]: Simplify<{ [D in On]: CaseValue<K> } & BodyOf<Shared & C[K]>>;
}[keyof C & string];
type VariantProps<On extends string, Shared extends Fields, C extends Record<string, Fields>> = {
  [K in keyof C & string]: Simplify<{ readonly [D in Camel<On>]: CaseValue<K> } & PropsOf<Shared & C[K]>>;
}[keyof C & string];

// ---- builders -----------------------------------------------------------------------------

const base = (doc: string): NodeBase => ({ doc, presence: { kind: 'required' }, nullable: false, sensitive: false });

// zod schemas never change: fields share them rather than each building its own (building one
// costs start-up time, and a provider process loads every kind).
const anyString = z.string();
const anyNumber = z.number();
const anyBoolean = z.boolean();

/** A string checked by `schema` (a validator from validators.ts). */
export function string(doc: string, schema: z.ZodType<string> = anyString): Field<string, string, false> {
  return new Field({ ...base(doc), type: 'string', schema });
}

/**
 * A string that names something a reviewer must read in a pull request (object, user and group
 * names): besides `schema`, it must be visible as it is (no invisible or reordering characters).
 */
export function nameLike(doc: string, schema: z.ZodType<string>): Field<string, string, false> {
  return new Field({ ...base(doc), type: 'string', schema: visibleToReviewers(schema), nameLike: true });
}

export function number(doc: string, schema: z.ZodType<number> = anyNumber): Field<number, number, false> {
  return new Field({ ...base(doc), type: 'number', schema });
}

export function bool(doc: string): Field<boolean, boolean, false> {
  return new Field({ ...base(doc), type: 'bool', schema: anyBoolean });
}

export function oneOf<const V extends string>(values: readonly V[], doc: string, message?: string): Field<V, V, false> {
  const listed = values.map((value) => `"${value}"`);
  const fallback = `must be ${listed.length > 1 ? `one of ${listed.join(', ')}` : listed[0]}`;
  return new Field({ ...base(doc), type: 'enum', values, message: message ?? fallback });
}

/** The key of an object of `target`'s kind; construct props take the kind's reference instead. */
export function reference<Id extends string>(target: () => ReferenceTarget & { readonly id: Id }, doc: string): Field<string, KeyedReference<Id>, false> {
  return new Field({ ...base(doc), type: 'reference', target });
}

interface ListOptions {
  /** Entries must be unique: what they are, for the message ("client addresses"). */
  readonly unique?: string;
  readonly min?: readonly [count: number, message: string];
  readonly length?: readonly [count: number, message: string];
}

/** An ordered list (order matters to the appliance, e.g. DNS suffixes tried in turn). */
export function list<B, P>(item: Field<B, P, boolean>, doc: string, options: ListOptions = {}): Field<B[], P[], false> {
  return new Field({
    ...base(doc),
    type: 'list',
    item: item.node,
    set: false,
    unique: options.unique,
    min: options.min && { count: options.min[0], message: options.min[1] },
    length: options.length && { count: options.length[0], message: options.length[1] },
  });
}

/** Unordered unique members (a set in Terraform): `what` names them in the duplicate message. */
export function set<B, P>(item: Field<B, P, boolean>, what: string, doc: string, options: Pick<ListOptions, 'min'> = {}): Field<B[], P[], false> {
  return new Field({ ...base(doc), type: 'list', item: item.node, set: true, unique: what, min: options.min && { count: options.min[0], message: options.min[1] } });
}

export function object<F extends Fields>(doc: string, fields: F): Field<BodyOf<F>, PropsOf<F>, false> {
  return new Field({ ...base(doc), type: 'object', fields: nodesOf(fields) });
}

/** One variant of `variants`: its fields, and the construct helper that makes it, if any. */
export function variant<F extends Fields = Record<never, never>>(
  fields?: F,
  helper?: { method: string; args?: ReadonlyArray<keyof F & string>; options?: ReadonlyArray<keyof F & string> },
): { fields: F; helper?: VariantCase['helper'] } {
  return { fields: fields ?? ({} as F), helper: helper && { method: helper.method, args: helper.args ?? [], options: helper.options } };
}

/**
 * A choice between shapes, told apart by the `on` field (`selection`, or `enabled` for things
 * that can be switched off): each case lists its own fields; `shared` fields belong to all.
 */
export function variants<const On extends string, C extends Record<string, Fields>, Shared extends Fields = Record<never, never>>(
  on: On,
  doc: string,
  options: { onDoc: string; message?: string; shared?: Shared; helperClass?: string },
  cases: { [K in keyof C]: { fields: C[K]; helper?: VariantCase['helper'] } },
): Field<VariantBodies<On, Shared, C>, VariantProps<On, Shared, C> | Preset<VariantProps<On, Shared, C>>, false> {
  const values = Object.keys(cases);
  const caseList: VariantCase[] = values.map((value) => ({
    value: value === 'true' ? true : value === 'false' ? false : value,
    fields: nodesOf(cases[value].fields),
    helper: cases[value].helper,
  }));
  const listed = caseList.map((c) => (typeof c.value === 'string' ? `"${c.value}"` : String(c.value)));
  const message = options.message ?? `${on} must be ${listed.length === 2 ? `${listed[0]} or ${listed[1]}` : `one of ${listed.join(', ')}`}`;
  return new Field({ ...base(doc), type: 'variants', on, onDoc: options.onDoc, cases: caseList, shared: nodesOf(options.shared ?? {}), message, helperClass: options.helperClass });
}

export function nodesOf(fields: Fields): FieldNodes {
  return Object.fromEntries(Object.entries(fields).map(([name, field]) => [name, field.node]));
}

// ---- walking ------------------------------------------------------------------------------

/** The body's key of a field. */
export function apiNameOf(name: string, node: FieldNode): string {
  return node.apiName ?? name;
}

/** Every field a variants node can have besides its discriminator, merged across cases (first description wins). */
export function mergedVariantFields(node: VariantsNode): FieldNodes {
  let merged = mergedFieldsOf.get(node);
  if (!merged) {
    const fields: Record<string, FieldNode> = { ...node.shared };
    for (const variantCase of node.cases) {
      for (const [name, field] of Object.entries(variantCase.fields)) if (!(name in fields)) fields[name] = field;
    }
    mergedFieldsOf.set(node, (merged = fields));
  }
  return merged;
}

// Descriptions never change: their derived field sets are computed once (and keep their identity, for caches keyed by them).
const mergedFieldsOf = new WeakMap<VariantsNode, FieldNodes>();
const caseFieldsOf = new WeakMap<VariantCase, FieldNodes>();

/** The case a variants value is in, from its discriminator. */
export function caseOf(node: VariantsNode, value: unknown): VariantCase | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  const discriminator = (value as Record<string, unknown>)[node.on];
  return node.cases.find((c) => c.value === discriminator);
}

/** The fields a value of a variants node has in its case (shared ones included). */
export function caseFields(node: VariantsNode, variantCase: VariantCase): FieldNodes {
  let fields = caseFieldsOf.get(variantCase);
  if (!fields) caseFieldsOf.set(variantCase, (fields = { ...node.shared, ...variantCase.fields }));
  return fields;
}
