import { type CollectionSpec, KINDS, type Kind, pascalName, SINGLETON_ENDPOINTS } from '../model';
import type { Attribute } from '../plugin/framework';
import { fieldAttributes } from '../provider/model-schema';
import type { JsonObject } from '../provider/resources/json-document';
import { genericSpec } from '../provider/resources/sps-object';

/**
 * What sps-export knows about each kind of object, all derived from the kinds' descriptions in
 * src/model: the managed kinds it exports as resources, the kinds that are only looked up, which
 * exported objects reference through data sources, and (with --generic) the collections and
 * singletons without a typed resource, which it exports as `sps_object`.
 */

export interface ExportedKind {
  /** The name `--select` uses: the resource type without `sps_`. */
  readonly name: string;
  readonly resourceType: string;
  readonly spec: Kind;
  /** The resource's attributes that map one-to-one to body fields: what an export sets. */
  readonly attributes: Readonly<Record<string, Attribute>>;
  /** Plural for summaries, e.g. "user lists". */
  readonly plural: string;
  /** Fields only the create's answer carries (an API client's secret): an export cannot hold them. */
  readonly createOnly: readonly string[];
}

/** In the order KINDS lists them, which is also the order of the written files. */
export const EXPORTED_KINDS: readonly ExportedKind[] = KINDS.filter((kind) => kind.managed).map((kind) => ({
  name: kind.id,
  resourceType: `sps_${kind.id}`,
  spec: kind,
  attributes: fieldAttributes(kind.fields),
  plural: kind.plural,
  createOnly: Object.keys(kind.computed).filter((name) => kind.computed[name].mode === 'create-only'),
}));

export function exportedKindByName(name: string): ExportedKind | undefined {
  const bare = name.startsWith('sps_') ? name.slice(4) : name;
  return EXPORTED_KINDS.find((kind) => kind.name === bare);
}

export function exportedKindByPath(path: string): ExportedKind | undefined {
  return EXPORTED_KINDS.find((kind) => kind.spec.path === path);
}

export interface LookupKind {
  /** Collection path of the referenced objects. */
  readonly path: string;
  /** The data source that finds one by name, e.g. `sps_http_channel_policy`. */
  readonly dataSource: string;
  /** The construct helper a CDKTF app looks one up with (`<helper>.fromName`, `<helper>.fromKey`). */
  readonly helper: string;
}

/** Every kind a reference may point into, with its data source and construct helper. */
const LOOKUP_KINDS: readonly LookupKind[] = KINDS.filter((kind) => kind.lookup).map((kind) => ({ path: kind.path, dataSource: `sps_${kind.id}`, helper: pascalName(kind.id) }));

export function lookupKindByPath(path: string): LookupKind | undefined {
  return LOOKUP_KINDS.find((kind) => kind.path === path);
}

/** A collection (or singleton) without a typed resource: with --generic, its objects are exported as `sps_object`. */
export interface GenericCollection {
  /** The name `--select` uses and identifiers start with: the kind's id (`ldap_server`), or a singleton's path below /api/configuration/ (`ssh_options`). */
  readonly name: string;
  readonly path: string;
  readonly singleton: boolean;
  /** For comments and summaries, e.g. "LDAP server", "LDAP servers". */
  readonly kind: string;
  readonly plural: string;
  /** The client's view: any JSON object, read whole, as `sps_object` imports it. */
  readonly spec: CollectionSpec<JsonObject>;
}

/**
 * The kinds the model only looks up (they have no typed resource), then the singletons `sps_object`
 * documents: the model's lists, so a kind gains a typed resource (and leaves this list) in one place.
 */
export const GENERIC_COLLECTIONS: readonly GenericCollection[] = [
  ...KINDS.filter((kind) => !kind.managed).map((kind) => ({ name: kind.id, path: kind.path, singleton: false, kind: kind.kind, plural: kind.plural, spec: genericSpec(kind.path, false, undefined) })),
  ...Object.values(SINGLETON_ENDPOINTS).map(({ path, kind }) => ({
    name: path.replace(/^\/api\/configuration\//, '').replace(/\//g, '_'),
    path,
    singleton: true,
    kind,
    plural: kind,
    spec: genericSpec(path, true, undefined),
  })),
];

export function genericCollectionByName(name: string): GenericCollection | undefined {
  const bare = name.startsWith('sps_') ? name.slice(4) : name;
  return GENERIC_COLLECTIONS.find((collection) => collection.name === bare);
}
