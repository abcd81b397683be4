import * as z from 'zod';
import type { CollectionSpec, ReferenceSite } from './collection';
import {
  type AnyField,
  apiNameOf,
  type BodyOf,
  caseFields,
  caseOf,
  type Field,
  type FieldNode,
  type FieldNodes,
  type Fields,
  type NamedObjects,
  type Json,
  mergedVariantFields,
  type PropsOf,
  nodesOf,
  type ReferenceTarget,
  type VariantsNode,
} from './fields';
import { objectFactory, referenceKey, type Strictness, uniqueItems } from './validators';

/**
 * One kind of appliance object, described once: where it lives, what it is, its fields (with
 * docs, validation, defaults, references, set/list semantics), what the appliance computes, and
 * its built-in objects. `defineKind` turns the description into everything the layers need at run
 * time: the zod schemas the simulator and the client validate with, the reference sites, the
 * comparison form for the lost-update check, and the mapping between attribute names and the
 * body's keys. The provider, the constructs, the export and the docs derive the rest from it.
 */

/** How a field the appliance sets itself behaves. */
export type ComputedMode =
  /** Set when the object is created and never changed (an API client's client_id). */
  | 'stable'
  /** May change at any time (an API client's approval status). */
  | 'changing'
  /** Only the answer to the create carries it, never a later read (an API client's secret). */
  | 'create-only';

export interface ComputedField {
  readonly field: AnyField;
  readonly mode: ComputedMode;
}

export interface KindDescription<Id extends string, F extends Fields> {
  /** `user_list`: the resource is `sps_user_list`, the construct `UserList`, references `userListKey`. */
  readonly id: Id;
  /** As messages name it: "user list". */
  readonly kind: string;
  /** Plural, for summaries: "user lists". */
  readonly plural: string;
  /** The collection, e.g. "/api/configuration/policies/userlists". */
  readonly path: string;
  /** What the object is, for the docs (Markdown). */
  readonly doc: string;
  readonly fields: F;
  /** Fields the appliance sets itself: read-only, never sent. */
  readonly computed?: Readonly<Record<string, ComputedField>>;
  /** Built-in objects (negative keys): present from the start, read-only. */
  readonly builtins?: ReadonlyArray<{ readonly key: string; readonly body: BodyOf<F> }>;
  /**
   * A small, valid object of the kind and an in-place update of it, written as the built-ins are
   * (references by key, e.g. to built-ins), where fields with defaults may be left out. Every
   * managed kind has one: its acceptance test (create → import → update → drift → destroy) and
   * that test's configuration and expectations are derived from it.
   */
  readonly example?: { readonly initial: ExampleBody<BodyOf<F>>; readonly updated: ExampleBody<BodyOf<F>> };
  /** Terraform manages objects of this kind (`sps_<id>` resource, a construct). */
  readonly managed: boolean;
  /** A data source (`sps_<id>`) looks objects of this kind up by name. */
  readonly lookup: boolean;
}

/** A body in which any field may be left out (the appliance fills in the defaults). */
export type ExampleBody<T> = T extends readonly (infer Item)[] ? ExampleBody<Item>[] : T extends object ? { [K in keyof T]?: ExampleBody<T[K]> } : T;

/** A described kind, as every layer uses it. */
export interface Kind<Body = Record<string, unknown>, Props = Record<string, unknown>> extends CollectionSpec<Body>, ReferenceTarget {
  /** Phantom (never set): the construct props' type, camelCase and with typed references. */
  readonly propsType?: Props;
  readonly id: string;
  readonly plural: string;
  readonly doc: string;
  /** The fields that are configured (not computed), by attribute name. */
  readonly fields: FieldNodes;
  readonly computed: Readonly<Record<string, { readonly node: FieldNode; readonly mode: ComputedMode }>>;
  readonly managed: boolean;
  readonly lookup: boolean;
  /** The description's example, as request bodies (the body's keys). */
  readonly example?: { readonly initial: Readonly<Record<string, unknown>>; readonly updated: Readonly<Record<string, unknown>> };
  /** The body in a comparable form: sets sorted (their order means nothing to the appliance). */
  normalize(body: Body): unknown;
  /** Attribute-named JSON (as Terraform and the constructs name fields) → the body's keys. */
  toApi(value: unknown): unknown;
  /** A body → attribute-named JSON. */
  fromApi(body: unknown): unknown;
  /** A path in the body (e.g. from a zod issue) → the same path in attribute names. */
  attributePath(apiPath: ReadonlyArray<string | number>): Array<string | number>;
  /** The fields of a body that hold names of other kinds' objects (see NamedObjects), with their names. */
  nameUses(body: unknown): NameUse[];
}

/** A field of a body whose strings may name objects of another kind. */
export interface NameUse {
  readonly path: ReadonlyArray<string | number>;
  readonly names: readonly string[];
  readonly named: NamedObjects;
}

export function defineKind<const Id extends string, F extends Fields>(description: KindDescription<Id, F>): Kind<BodyOf<F>, PropsOf<F>> & { readonly id: Id } {
  const fields = nodesOf(description.fields);
  const computed = Object.fromEntries(Object.entries(description.computed ?? {}).map(([name, c]) => [name, { node: c.field.node, mode: c.mode }]));
  const top: FieldNode = { type: 'object', fields, doc: description.doc, presence: { kind: 'required' }, nullable: false, sensitive: false };
  // What is derived from the description is derived on first use: a provider process loads every
  // kind but uses only its configuration's, and Terraform starts it three times per plan. (The
  // schemas could not be built here anyway: references name their target kind's label, and kinds
  // may reference each other.)
  let schemas: Record<Strictness, z.ZodType<BodyOf<F>>> | undefined;
  const schemaOf = (strictness: Strictness) => {
    schemas ??= { strip: objectSchema(fields, 'strip') as z.ZodType<BodyOf<F>>, strict: objectSchema(fields, 'strict') as z.ZodType<BodyOf<F>> };
    return schemas[strictness];
  };
  // Most kinds name every field as the body does: their values need no renaming (and no copy).
  let anyRenamed: boolean | undefined;
  const rename = <T>(value: T, direction: 'toApi' | 'fromApi'): T => {
    anyRenamed ??= [...walkFields(fields)].some(({ node }) => node.apiName !== undefined);
    return anyRenamed ? (renamed(top, value, direction) as T) : value;
  };
  let builtins: ReadonlyArray<{ key: string; body: BodyOf<F> }> | undefined;
  let example: Kind['example'];
  return {
    id: description.id,
    kind: description.kind,
    plural: description.plural,
    path: description.path,
    doc: description.doc,
    fields,
    computed,
    managed: description.managed,
    lookup: description.lookup,
    get schema() {
      return schemaOf('strip');
    },
    get strictSchema() {
      return schemaOf('strict');
    },
    readOnlyFields: Object.keys(computed).map((name) => apiNameOf(name, computed[name].node)),
    references: (body) => referenceSites(top, body),
    get builtins() {
      return (builtins ??= (description.builtins ?? []).map(({ key, body }) => ({ key, body: rename(body as BodyOf<F>, 'toApi') })));
    },
    get example() {
      const written = description.example;
      return written && (example ??= { initial: rename(written.initial as Record<string, unknown>, 'toApi'), updated: rename(written.updated as Record<string, unknown>, 'toApi') });
    },
    normalize: (body) => normalized(top, body),
    toApi: (value) => rename(value, 'toApi'),
    fromApi: (body) => rename(body, 'fromApi'),
    attributePath: (apiPath) => attributePathOf(top, apiPath),
    nameUses: (body) => nameUses(top, body),
  };
}

/** A field described with `fields.ts` builders, as a node (for kinds that describe one field elsewhere). */
export function nodeOf(field: Field<unknown, unknown, boolean>): FieldNode {
  return field.node;
}

// ---- zod ----------------------------------------------------------------------------------

function objectSchema(fields: FieldNodes, strictness: Strictness, extra: Record<string, z.ZodType> = {}): z.ZodType {
  const shape: Record<string, z.ZodType> = { ...extra };
  for (const [name, node] of Object.entries(fields)) shape[apiNameOf(name, node)] = withPresence(node, strictness);
  return objectFactory(strictness)(shape);
}

function withPresence(node: FieldNode, strictness: Strictness): z.ZodType {
  let schema = valueSchema(node, strictness);
  if (node.nullable) schema = schema.nullable();
  if (node.presence.kind === 'default') schema = schema.default(node.presence.value as never);
  else if (node.presence.kind === 'optional') schema = schema.optional();
  return schema;
}

function valueSchema(node: FieldNode, strictness: Strictness): z.ZodType {
  const schema = baseSchema(node, strictness);
  const rule = node.refine;
  if (!rule) return schema;
  return schema.superRefine((value, context) =>
    rule(value as never, (message, path = []) => context.addIssue({ code: 'custom', message, path: [...path] })),
  );
}

function baseSchema(node: FieldNode, strictness: Strictness): z.ZodType {
  switch (node.type) {
    case 'string':
    case 'number':
    case 'bool':
      return node.schema;
    case 'enum':
      return z.enum(node.values as [string, ...string[]], { error: node.message });
    case 'reference':
      return referenceKey(node.target().kind);
    case 'list': {
      const item = withPresence({ ...node.item, presence: { kind: 'required' } }, strictness);
      let array: z.ZodArray<z.ZodType> = node.unique ? uniqueItems(item, node.unique) : z.array(item);
      if (node.min) array = array.min(node.min.count, node.min.message);
      if (node.length) array = array.length(node.length.count, node.length.message);
      return array;
    }
    case 'object':
      return objectSchema(node.fields, strictness);
    case 'variants':
      return z.discriminatedUnion(
        node.on,
        node.cases.map((variantCase) => objectSchema(caseFields(node, variantCase), strictness, { [node.on]: z.literal(variantCase.value) })) as never,
        { error: node.message },
      );
  }
}

// ---- walking a value with its description --------------------------------------------------

/** The description of the fields a value of `node` has (variants: its case's). */
function fieldsOfValue(node: FieldNode, value: unknown): FieldNodes | undefined {
  if (node.type === 'object') return node.fields;
  if (node.type === 'variants') {
    const variantCase = caseOf(node, value);
    return variantCase ? caseFields(node, variantCase) : mergedVariantFields(node);
  }
  return undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * The references in a body, in field order, the ones every body of the kind has first (e.g. an HTTP
 * connection policy's `policies`), then those a variant adds (e.g. `indexing.policy`): messages
 * that list missing objects name the always-needed ones first.
 */
function referenceSites(top: FieldNode, body: unknown): ReferenceSite[] {
  const found: Array<ReferenceSite & { conditional: boolean }> = [];
  const visit = (node: FieldNode, value: unknown, path: Array<string | number>, conditional: boolean): void => {
    if (value === null || value === undefined) return;
    if (node.type === 'reference') {
      const key = isRecord(value) && typeof value.key === 'string' ? value.key : value;
      if (typeof key === 'string') found.push({ path, collection: node.target().path, key, conditional });
      return;
    }
    if (node.type === 'list') {
      if (Array.isArray(value)) value.forEach((item, index) => visit(node.item, item, [...path, index], conditional));
      return;
    }
    const fields = fieldsOfValue(node, value);
    if (!fields || !isRecord(value)) return;
    for (const [name, field] of Object.entries(fields)) {
      const key = apiNameOf(name, field);
      visit(field, value[key], [...path, key], conditional || node.type === 'variants');
    }
  };
  visit(top, body, [], false);
  return [...found.filter((site) => !site.conditional), ...found.filter((site) => site.conditional)].map(({ conditional: _, ...site }) => site);
}

function nameUses(top: FieldNode, body: unknown): NameUse[] {
  const found: NameUse[] = [];
  const visit = (node: FieldNode, value: unknown, path: Array<string | number>): void => {
    if (value === null || value === undefined) return;
    if (node.names) {
      const names = (Array.isArray(value) ? value : [value]).filter((item): item is string => typeof item === 'string');
      found.push({ path, names, named: node.names });
      return;
    }
    if (node.type === 'list') {
      if (Array.isArray(value)) value.forEach((item, index) => visit(node.item, item, [...path, index]));
      return;
    }
    const fields = fieldsOfValue(node, value);
    if (!fields || !isRecord(value)) return;
    for (const [name, field] of Object.entries(fields)) visit(field, value[apiNameOf(name, field)], [...path, apiNameOf(name, field)]);
  };
  visit(top, body, []);
  return found;
}

function normalized(node: FieldNode, value: unknown): unknown {
  if (value === null || value === undefined) return value;
  if (node.type === 'list' && Array.isArray(value)) {
    const items = value.map((item) => normalized(node.item, item));
    return node.set ? items.sort((a, b) => compareJson(a, b)) : items;
  }
  const fields = fieldsOfValue(node, value);
  if (!fields || !isRecord(value)) return value;
  const result: Record<string, unknown> = { ...value };
  for (const [name, field] of Object.entries(fields)) {
    const key = apiNameOf(name, field);
    if (key in value) result[key] = normalized(field, value[key]);
  }
  return result;
}

function compareJson(a: unknown, b: unknown): number {
  const [x, y] = [JSON.stringify(a), JSON.stringify(b)];
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Renames keys between attribute names and the body's, where they differ; other keys pass through. */
function renamed(node: FieldNode, value: unknown, direction: 'toApi' | 'fromApi'): unknown {
  if (node.type === 'list' && Array.isArray(value)) return value.map((item) => renamed(node.item, item, direction));
  const fields = fieldsOfValue(node, value);
  if (!fields || !isRecord(value)) return value;
  const result: Record<string, unknown> = {};
  const byKey = renamings(fields, direction);
  for (const [key, item] of Object.entries(value)) {
    const described = byKey.get(key);
    if (!described) {
      result[key] = item;
      continue;
    }
    const target = direction === 'toApi' ? apiNameOf(described.name, described.field) : described.name;
    result[target] = renamed(described.field, item, direction);
  }
  return result;
}

/** The fields of an object by their key in `direction`'s source, computed once per object description. */
const renamingsOf = { toApi: new WeakMap<FieldNodes, Renamings>(), fromApi: new WeakMap<FieldNodes, Renamings>() };
type Renamings = ReadonlyMap<string, { readonly name: string; readonly field: FieldNode }>;

function renamings(fields: FieldNodes, direction: 'toApi' | 'fromApi'): Renamings {
  let byKey = renamingsOf[direction].get(fields);
  if (!byKey) {
    byKey = new Map(Object.entries(fields).map(([name, field]) => [direction === 'toApi' ? name : apiNameOf(name, field), { name, field }]));
    renamingsOf[direction].set(fields, byKey);
  }
  return byKey;
}

function attributePathOf(node: FieldNode, apiPath: ReadonlyArray<string | number>): Array<string | number> {
  const path: Array<string | number> = [];
  let current: FieldNode | undefined = node;
  for (const step of apiPath) {
    if (current?.type === 'list' && typeof step === 'number') {
      path.push(step);
      current = current.item;
      continue;
    }
    const fields: FieldNodes | undefined = current?.type === 'object' ? current.fields : current?.type === 'variants' ? { ...mergedVariantFields(current) } : undefined;
    const match: [string, FieldNode] | undefined = fields && Object.entries(fields).find(([name, field]) => apiNameOf(name, field) === step);
    path.push(match ? match[0] : step);
    current = match?.[1];
  }
  return path;
}

/** Every node below `node`, with its attribute path (list items as `[]`): for checks and derivations that look at each field. */
export function* walkFields(fields: FieldNodes, path: string[] = []): Generator<{ path: string[]; name: string; node: FieldNode }> {
  for (const [name, node] of Object.entries(fields)) {
    yield { path: [...path, name], name, node };
    yield* walkNode(node, [...path, name]);
  }
}

function* walkNode(node: FieldNode, path: string[]): Generator<{ path: string[]; name: string; node: FieldNode }> {
  if (node.type === 'list') {
    yield* walkNode(node.item, [...path, '[]']);
    return;
  }
  if (node.type === 'object') yield* walkFields(node.fields, path);
  if (node.type === 'variants') yield* walkFields(mergedVariantFields(node), path);
}

/** Whether a value is a JSON value (the only thing a body may hold). */
export function isJson(value: unknown): value is Json {
  return value === null || ['string', 'number', 'boolean'].includes(typeof value) || (Array.isArray(value) ? value.every(isJson) : isRecord(value) && Object.values(value).every(isJson));
}

export type { VariantsNode };
