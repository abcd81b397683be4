import { KINDS, type Kind } from '../model';
import type { Attribute } from '../plugin/framework';
import { fieldAttributes } from '../provider/model-schema';

/**
 * What sps-export knows about each kind of object, all derived from the kinds' descriptions in
 * src/model: the managed kinds it exports as resources, and the kinds that are only looked up,
 * which exported objects reference through data sources.
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

/** `http_channel_policy` → `HttpChannelPolicy`, as the constructs name their kinds. */
export function constructName(id: string): string {
  return id.replace(/(^|_)([a-z0-9])/g, (_, __, letter: string) => letter.toUpperCase());
}

/** Every kind a reference may point into, with its data source and construct helper. */
const LOOKUP_KINDS: readonly LookupKind[] = KINDS.filter((kind) => kind.lookup).map((kind) => ({ path: kind.path, dataSource: `sps_${kind.id}`, helper: constructName(kind.id) }));

export function lookupKindByPath(path: string): LookupKind | undefined {
  return LOOKUP_KINDS.find((kind) => kind.path === path);
}
