/**
 * A construct's props, derived from its kind's description in src/model: the props are the
 * model's fields in camelCase (references typed by kind, fields with defaults optional), checked
 * key by key at every level (nested objects, list entries, variants) and turned into the generated
 * binding's configuration (references → keys, defaults filled in). A construct adds only its sugar:
 * props that stand for a model field in another shape (a switched-on field given as its one value,
 * see `enabledValue`), or that are its own (an API client's `rotation`).
 */
import { Token } from 'cdktf';
import {
  apiNameOf,
  camelName,
  caseFields,
  type FieldNode,
  type FieldNodes,
  type Kind,
  mergedVariantFields,
  type VariantsNode,
} from '../model';
import { keyProblems, type KeySpec } from './props';
import { keyOf } from './reference-kind';

/** The props of a kind's construct as the model describes them. */
export type KindProps<K extends Kind> = NonNullable<K['propsType']>;

/**
 * A prop of the construct's own. With `field` (the camelCase name of a model field) it stands for
 * that field, which the props then no longer have; without, it is not sent to the appliance.
 */
export interface Sugar<Value, Required extends boolean, Field extends string> {
  readonly field?: Field;
  readonly required: Required;
  /** Problems with the value besides its presence (its keys, its class); `path` is the prop's name. */
  readonly check?: (value: Value, path: string) => string[];
  /** The field's binding value (camelCase, keys for references); `asModel` converts a value in the model's shape. */
  readonly toBinding?: (value: Value, asModel: (value: unknown) => unknown) => unknown;
  /** Attributes of the generated resource that no model field describes (e.g. an API client's keepers). */
  readonly resource?: (value: Value) => Readonly<Record<string, unknown>>;
}

/** Sugar props by name; `never`, because each prop takes its own type of value. */
export type SugarSpec = Readonly<Record<string, Sugar<never, boolean, string>>>;

type ValueOf<S> = S extends Sugar<infer V, boolean, string> ? V : never;
type FieldOf<S> = S extends Sugar<never, boolean, infer F> ? F : never;
type RequiredSugar<S extends SugarSpec> = { [P in keyof S]: S[P] extends Sugar<never, true, string> ? P : never }[keyof S];
type Simplify<T> = { [K in keyof T]: T[K] } & {};

/**
 * The construct's props: the model's, less the fields sugar stands for, plus the sugar; `Req` are
 * model fields the construct requires. The sugar is mapped over `keyof S`, so that each prop keeps
 * its declaration in S, with its JSDoc (editors and the API reference in docs/ read it there).
 */
export type ConstructProps<K extends Kind, S extends SugarSpec = Record<never, never>, Req extends keyof KindProps<K> = never> = Simplify<
  Omit<KindProps<K>, FieldOf<S[keyof S]> | Req> &
    Required<Pick<KindProps<K>, Req>> & { readonly [P in keyof S as P extends RequiredSugar<S> ? P : never]: ValueOf<S[P]> } & { readonly [P in keyof S as P extends RequiredSugar<S> ? never : P]?: ValueOf<S[P]> }
>;

/** A sugar prop (see Sugar); `field` and `required` default to none and false. */
export function sugar<Value, const Required extends boolean = false, const Field extends string = never>(options: {
  readonly field?: Field;
  readonly required?: Required;
  readonly check?: (value: Value, path: string) => string[];
  readonly toBinding?: (value: Value, asModel: (value: unknown) => unknown) => unknown;
  readonly resource?: (value: Value) => Readonly<Record<string, unknown>>;
}): Sugar<Value, Required, Field> {
  return { ...options, required: (options.required ?? false) as Required };
}

export type EnabledCase<K extends Kind, P extends keyof KindProps<K>> = Omit<Extract<KindProps<K>[P], { readonly enabled: true }>, 'enabled'>;

/** A field that is switched on by `enabled`, given as the fields it has when on (`indexing: { policy }`); left out, it is off. */
export function whenEnabled<K extends Kind, const P extends keyof KindProps<K> & string>(kind: K, field: P): Sugar<EnabledCase<K, P>, false, P> {
  const fields = enabledFields(kind, field);
  return sugar({
    field,
    check: (value: EnabledCase<K, P>, path) => fieldsProblems(fields, value, path),
    toBinding: (value, asModel) => asModel({ ...value, enabled: true }),
  });
}

/** A field that is switched on by `enabled` and has one value when on, given as that value (a rate limit as its number); left out, it is off. */
export function enabledValue<K extends Kind, const P extends keyof KindProps<K> & string>(kind: K, field: P): Sugar<EnabledCase<K, P>[keyof EnabledCase<K, P>], false, P> {
  const names = Object.keys(enabledFields(kind, field));
  if (names.length !== 1) throw new Error(`${kind.id}.${field}: enabledValue needs a field with one value when enabled, it has ${names.length}`);
  return sugar({ field, toBinding: (value: EnabledCase<K, P>[keyof EnabledCase<K, P>], asModel) => asModel({ enabled: true, [camelName(names[0])]: value }) });
}

function enabledFields(kind: Kind, field: string): FieldNodes {
  const node = fieldNamed(kind.fields, field);
  const enabled = node?.type === 'variants' && node.on === 'enabled' ? node.cases.find((c) => c.value === true) : undefined;
  if (!node || !enabled) throw new Error(`${kind.id} has no field \`${field}\` that is switched on by \`enabled\``);
  return caseFields(node as VariantsNode, enabled);
}

function fieldNamed(fields: FieldNodes, camel: string): FieldNode | undefined {
  return Object.entries(fields).find(([name]) => camelName(name) === camel)?.[1];
}

/** How a construct's props map onto its kind's model: checks and the binding configuration. */
export interface PropsModel {
  /** Every problem with the props' keys (and the sugar's checks), as sentences naming the path. */
  problems(props: unknown): string[];
  /** The binding configuration of the model's fields; throws an OptionsError for a reference of the wrong kind. */
  binding(props: Readonly<Record<string, unknown>>): Record<string, unknown>;
  /** The generated resource's attributes of the construct's own props. */
  resourceExtras(props: Readonly<Record<string, unknown>>): Record<string, unknown>;
}

export function propsModel(kind: Kind, sugarSpec: SugarSpec = {}, required: readonly string[] = []): PropsModel {
  // Each sugar prop is given the value of its own prop, which its type describes.
  const sugars = Object.entries(sugarSpec) as Array<[string, Sugar<unknown, boolean, string>]>;
  const sugarByField = new Map(sugars.flatMap(([prop, s]) => (s.field === undefined ? [] : [[s.field, { prop, sugar: s }] as const])));
  for (const field of sugarByField.keys()) if (!fieldNamed(kind.fields, field)) throw new Error(`${kind.id} has no field \`${field}\` for sugar to stand for`);
  const own = sugars.filter(([, s]) => s.field === undefined);
  // In the model's order, each sugar prop where its field is, then the construct's own props.
  const spec: Record<string, boolean> = {};
  for (const [name, node] of Object.entries(kind.fields)) {
    const camel = camelName(name);
    const standIn = sugarByField.get(camel);
    if (standIn) spec[standIn.prop] = standIn.sugar.required;
    else spec[camel] = node.presence.kind === 'required' || required.includes(camel);
  }
  for (const [prop, s] of own) spec[prop] = s.required;

  return {
    problems(props) {
      const problems = keyProblems('the props', props, spec);
      if (!isRecord(props)) return problems;
      for (const [name, node] of Object.entries(kind.fields)) {
        if (!sugarByField.has(camelName(name))) problems.push(...valueProblems(node, props[camelName(name)], camelName(name)));
      }
      for (const [prop, s] of sugars) if (props[prop] !== undefined && s.check) problems.push(...s.check(props[prop], prop));
      return problems;
    },
    binding(props) {
      const config: Record<string, unknown> = {};
      for (const [name, node] of Object.entries(kind.fields)) {
        const camel = camelName(name);
        const standIn = sugarByField.get(camel);
        if (!standIn) {
          config[camel] = toBinding(node, props[camel], camel);
          continue;
        }
        const value = props[standIn.prop];
        const asModel = (modelValue: unknown) => toBinding(node, modelValue, standIn.prop);
        config[camel] = value === undefined ? defaultOf(node) : standIn.sugar.toBinding ? standIn.sugar.toBinding(value, asModel) : asModel(value);
      }
      return config;
    },
    resourceExtras(props) {
      return Object.assign({}, ...own.map(([prop, s]) => (props[prop] !== undefined && s.resource ? s.resource(props[prop]) : {})));
    },
  };
}

/** Problems with the keys of an object whose fields are `fields`, and of its values; `path` names it. */
export function fieldsProblems(fields: FieldNodes, value: unknown, path: string, extra: KeySpec = {}): string[] {
  const spec = { ...extra, ...Object.fromEntries(Object.entries(fields).map(([name, node]) => [camelName(name), node.presence.kind === 'required'])) };
  const problems = keyProblems(`\`${path}\``, value, spec);
  if (!isRecord(value)) return problems;
  for (const [name, node] of Object.entries(fields)) problems.push(...valueProblems(node, value[camelName(name)], `${path}.${camelName(name)}`));
  return problems;
}

function valueProblems(node: FieldNode, value: unknown, path: string): string[] {
  if (value === undefined || value === null || Token.isUnresolved(value)) return [];
  switch (node.type) {
    case 'object':
      return fieldsProblems(node.fields, value, path);
    case 'variants':
      return fieldsProblems(variantFields(node, isRecord(value) ? value[camelName(node.on)] : undefined), value, path, { [camelName(node.on)]: true });
    case 'list':
      return Array.isArray(value) ? value.flatMap((item, index) => valueProblems(node.item, item, `${path}[${index}]`)) : [];
    default:
      return [];
  }
}

/** A value in the model's props shape → the binding's (references as keys, defaults filled in); `path` names it in messages. */
function toBinding(node: FieldNode, value: unknown, path: string): unknown {
  if (value === undefined) return defaultOf(node);
  if (value === null || Token.isUnresolved(value)) return value;
  switch (node.type) {
    case 'reference':
      return keyOf(node.target(), value, `\`${path}\``);
    case 'list':
      return Array.isArray(value) ? value.map((item, index) => toBinding(node.item, item, `${path}[${index}]`)) : value;
    case 'object':
      return isRecord(value) ? fieldsBinding(node.fields, value, path) : value;
    case 'variants': {
      if (!isRecord(value)) return value;
      const on = camelName(node.on);
      return { [on]: value[on], ...fieldsBinding(variantFields(node, value[on]), value, path) };
    }
    default:
      return value;
  }
}

function fieldsBinding(fields: FieldNodes, value: Readonly<Record<string, unknown>>, path: string): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [name, node] of Object.entries(fields)) {
    const item = toBinding(node, value[camelName(name)], `${path}.${camelName(name)}`);
    if (item !== undefined) result[camelName(name)] = item;
  }
  return result;
}

/** The binding value of a field left out: its default (as the appliance stores it), except null, which is the same as leaving it out. */
function defaultOf(node: FieldNode): unknown {
  return node.presence.kind === 'default' && node.presence.value !== null ? fromBody(node, node.presence.value) : undefined;
}

/** A body value (the appliance's keys) → the binding's camelCase. */
function fromBody(node: FieldNode, value: unknown): unknown {
  if (node.type === 'list' && Array.isArray(value)) return value.map((item) => fromBody(node.item, item));
  const fields = node.type === 'object' ? node.fields : node.type === 'variants' && isRecord(value) ? variantFields(node, value[node.on]) : undefined;
  if (!fields || !isRecord(value)) return value;
  const result: Record<string, unknown> = node.type === 'variants' ? { [camelName(node.on)]: value[node.on] } : {};
  for (const [name, field] of Object.entries(fields)) {
    const key = apiNameOf(name, field);
    if (key in value) result[camelName(name)] = fromBody(field, value[key]);
  }
  return result;
}

/** The fields of a variants value whose discriminator is `discriminator`: its case's, or every case's when it is wrong (the model then names the problem). */
function variantFields(node: VariantsNode, discriminator: unknown): FieldNodes {
  const variantCase = node.cases.find((c) => c.value === discriminator);
  return variantCase ? caseFields(node, variantCase) : mergedVariantFields(node);
}

function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
