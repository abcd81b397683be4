/**
 * What a managed kind's acceptance test is derived from: the example in the kind's description
 * (src/model). The export's HCL writer writes the configurations; the expected bodies and the
 * out-of-band change (the drift) follow from the example and the kind's field descriptions. So a
 * new kind gets its acceptance test from its example, with no test code. In-process: the unit
 * tier checks every kind's derivation, acceptance.ts drives terraform with it.
 */
import { buildExportModel } from '../../src/export/export-model';
import { writeHcl } from '../../src/export/hcl-writer';
import { exportedKindByName } from '../../src/export/kinds';
import type { TargetInfo } from '../../src/export/read-appliance';
import {
  apiNameOf,
  caseFields,
  caseOf,
  collectionByPath,
  embedReferences,
  type FieldNode,
  type FieldNodes,
  formatFieldPath,
  type Kind,
  KINDS,
} from '../../src/model';

export type Variant = 'initial' | 'updated';
type Body = Readonly<Record<string, unknown>>;
type Path = ReadonlyArray<string | number>;

/** An out-of-band change (as in the web UI) to a field of the updated object, and what the next plan shows for it. */
export interface Drift {
  /** Where, in the body's keys. */
  readonly path: Path;
  readonly value: unknown;
  readonly shows: RegExp;
}

export interface KindAcceptance {
  readonly kind: Kind;
  /** `sps_user_list` */
  readonly resourceType: string;
  /** `sps_user_list.deployers`: the resource's address in the configurations. */
  readonly address: string;
  /** main.tf that manages the example's variant; given the object's key, it adopts the object with an import block. */
  config(variant: Variant, key?: string): string;
  /** The stored body (as the appliance answers, references embedded) has these fields, with these values. */
  expectedFields(variant: Variant): unknown;
  /** The stored body read through the model (defaults filled in, sets sorted): exactly the example's, so nothing else was set. */
  expectedModelled(variant: Variant): unknown;
  /** The stored body read through the model, to compare with expectedModelled. */
  modelled(stored: unknown): unknown;
  readonly drift: Drift;
}

/** The managed kinds, each of which must have an example. */
export const MANAGED_KINDS: readonly Kind[] = KINDS.filter((kind) => kind.managed);

export function kindAcceptance(kind: Kind): KindAcceptance {
  const resourceType = `sps_${kind.id}`;
  const example = kind.example;
  if (!example) throw new Error(`${resourceType} has no example: give its description in src/model an \`example\` (an initial and an updated body) to derive its acceptance test from`);
  const exported = exportedKindByName(kind.id);
  if (!exported) throw new Error(`${resourceType} is not a managed kind`);
  const body = (variant: Variant): Body => example[variant];
  const model = (variant: Variant, key?: string) => {
    const object = { kind: exported, key: key ?? '', body: body(variant), name: String(body(variant).name) };
    return buildExportModel({ generic: [], objects: [object], leftOut: new Map(), targets: builtinTargets(kind, body(variant)), objectsRead: 1, kindsListed: 1 });
  };
  const identifier = model('initial').resources[0].identifier;
  if (model('updated').resources[0].identifier !== identifier) throw new Error(`${resourceType}'s example: the updated object must keep the initial one's name (an update in place)`);
  const modelled = (stored: unknown) => kind.normalize(kind.schema.parse(stored) as Record<string, unknown>);
  return {
    kind,
    resourceType,
    address: `${resourceType}.${identifier}`,
    config: (variant, key) => writeHcl(model(variant, key), '', { imports: key !== undefined })['main.tf'],
    expectedFields: (variant) => kind.normalize(embedReferences(body(variant), kind.references(body(variant)))),
    expectedModelled: (variant) => modelled(body(variant)),
    modelled,
    drift: driftOf(kind, kind.schema.parse(body('updated')) as Body),
  };
}

/** The example's references, to built-ins only (the test creates one object): looked up by name in the configuration. */
function builtinTargets(kind: Kind, body: Body): Map<string, TargetInfo> {
  const targets = new Map<string, TargetInfo>();
  for (const site of kind.references(body)) {
    const builtin = collectionByPath(site.collection)?.builtins.find((candidate) => candidate.key === site.key);
    const name = (builtin?.body as { name?: unknown } | undefined)?.name;
    if (typeof name !== 'string') {
      throw new Error(`sps_${kind.id}'s example: ${formatFieldPath(site.path)} references ${site.collection}/${site.key}, which is not a built-in with a name; an example references built-ins only`);
    }
    targets.set(`${site.collection}/${site.key}`, { found: true, name });
  }
  return targets;
}

interface Leaf {
  readonly path: Path;
  readonly node: FieldNode;
  readonly value: unknown;
}

/** Every field a body has, depth first in the description's order (a set's members left out: they have no place to change). */
function* leavesOf(fields: FieldNodes, body: Body, path: Path = []): Generator<Leaf> {
  for (const [name, node] of Object.entries(fields)) {
    const key = apiNameOf(name, node);
    const value = body[key];
    if (value === undefined || value === null) continue;
    yield { path: [...path, key], node, value };
    yield* below(node, value, [...path, key]);
  }
}

function* below(node: FieldNode, value: unknown, path: Path): Generator<Leaf> {
  if (node.type === 'list' && !node.set && Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      yield { path: [...path, index], node: node.item, value: item };
      yield* below(node.item, item, [...path, index]);
    }
  } else if (node.type === 'object') {
    yield* leavesOf(node.fields, value as Body, path);
  } else if (node.type === 'variants') {
    const variantCase = caseOf(node, value);
    if (variantCase) yield* leavesOf(caseFields(node, variantCase), value as Body, path);
  }
}

const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The drift: the first switch of the updated object turned over; else the first field with a
 * choice of values set to another; else the first list that may be shorter loses its last entry.
 * Each keeps the body valid and is a plain in-place change.
 */
export function driftOf(kind: Kind, updated: Body): Drift {
  const leaves = [...leavesOf(kind.fields, updated)];
  const attribute = (path: Path) => String(kind.attributePath(path).filter((step) => typeof step === 'string').pop());
  const named = (leaf: Leaf) => typeof leaf.path[leaf.path.length - 1] === 'string';
  const switchLeaf = leaves.find((leaf) => leaf.node.type === 'bool' && named(leaf));
  if (switchLeaf) {
    const value = !switchLeaf.value;
    return { path: switchLeaf.path, value, shows: new RegExp(`${escaped(attribute(switchLeaf.path))}\\s+= ${value} -> ${switchLeaf.value}`) };
  }
  for (const leaf of leaves) {
    if (leaf.node.type !== 'enum' || !named(leaf)) continue;
    const value = leaf.node.values.find((candidate) => candidate !== leaf.value);
    if (value !== undefined) return { path: leaf.path, value, shows: new RegExp(`${escaped(attribute(leaf.path))}\\s+= "${escaped(value)}" -> "${escaped(String(leaf.value))}"`) };
  }
  for (const leaf of leaves) {
    if (leaf.node.type !== 'list' || !named(leaf) || leaf.node.length || !Array.isArray(leaf.value)) continue;
    if (leaf.value.length > (leaf.node.min?.count ?? 0)) return { path: leaf.path, value: leaf.value.slice(0, -1), shows: new RegExp(`~ ${escaped(attribute(leaf.path))}\\s+= \\[`) };
  }
  throw new Error(`sps_${kind.id}'s updated example has no switch, choice or list to drift: give it one (the acceptance test changes it out of band)`);
}

/** `body` with `value` at `path`. */
export function withValueAt(body: unknown, path: Path, value: unknown): unknown {
  const copy = structuredClone(body) as Record<string | number, unknown>;
  let parent = copy;
  for (const step of path.slice(0, -1)) parent = parent[step] as Record<string | number, unknown>;
  parent[path[path.length - 1]] = value;
  return copy;
}
