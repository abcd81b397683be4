import { collectionByPath, formatFieldPath, isBuiltinKey } from '../model';
import { type SplitBody, splitSecrets } from './generic';
import { EXPORTED_KINDS, exportedKindByPath, GENERIC_COLLECTIONS, type LookupKind, lookupKindByPath } from './kinds';
import { camelIdentifier, keySuffixSource, uniqueIdentifiers } from './naming';
import { type ApplianceSnapshot, type GenericObject, type ReadObject, referencesOf, targetId } from './read-appliance';

/**
 * What both writers write: the exported objects with their identifiers, the lookups of
 * referenced objects, and how each reference is written. Deciding this once keeps the HCL and
 * the CDKTF output the same configuration.
 */

export interface Lookup {
  readonly kind: LookupKind;
  readonly key: string;
  readonly name: string;
  /** `data.<dataSource>.<identifier>` in HCL. */
  readonly identifier: string;
  /** The variable and construct id in the CDKTF app. */
  readonly variable: string;
}

export type ResolvedReference =
  | {
      readonly type: 'resource';
      readonly resourceType: string;
      readonly identifier: string;
      readonly variable: string;
      /** For an `sps_object`: the construct class whose fromKey types its key (its own construct has no kind). */
      readonly fromKeyOf?: string;
    }
  | { readonly type: 'lookup'; readonly lookup: Lookup }
  | { readonly type: 'key'; readonly key: string; readonly collection: string; readonly comment: string };

export interface ExportedResource {
  readonly object: ReadObject;
  readonly identifier: string;
  readonly variable: string;
  /** By field path in the body, e.g. `applies_to.groups[0]`. */
  readonly references: ReadonlyMap<string, ResolvedReference>;
  /**
   * Names of other exported objects (a user list in a channel rule's `remote_groups`), by the
   * name's field path in the body: written as the object's `name`, which also orders the apply.
   */
  readonly names: ReadonlyMap<string, NamedResource>;
}

/** An exported typed resource whose `name` another resource's field holds. */
export interface NamedResource {
  readonly resourceType: string;
  readonly identifier: string;
  readonly variable: string;
}

/** An object without a typed resource, exported (--generic) as `sps_object`. */
export interface ExportedObject extends SplitBody {
  readonly object: GenericObject;
  /** `sps_object.<identifier>`. */
  readonly identifier: string;
  /** The variable and construct id in the CDKTF app. */
  readonly variable: string;
  /** With secrets: the input variable that may give them (`<identifier>_secrets`, in HCL and CDKTF alike) and its CDKTF variable. */
  readonly secretsVariable?: { readonly name: string; readonly variable: string };
}

export interface ExportModel {
  readonly resources: readonly ExportedResource[];
  /** With --generic: the objects without a typed resource, in collection order then identifier order. */
  readonly objects: readonly ExportedObject[];
  readonly lookups: readonly Lookup[];
  /** References written as keys (with a comment saying why). */
  readonly keyReferences: number;
}

export function buildExportModel(snapshot: ApplianceSnapshot): ExportModel {
  const variables = new Set<string>();
  const uniqueVariable = (candidate: string, key: string) => {
    let variable = candidate;
    for (let n = 2; variables.has(variable); n++) variable = camelIdentifier(candidate, keySuffixSource(key), n > 2 ? String(n) : '');
    variables.add(variable);
    return variable;
  };

  // Resources: identifiers unique per resource type, in kind order then identifier order.
  const named: Array<{ object: ReadObject; identifier: string }> = [];
  for (const kind of EXPORTED_KINDS) {
    const ofKind = snapshot.objects.filter((object) => object.kind === kind);
    const identifiers = uniqueIdentifiers(ofKind);
    named.push(...ofKind.map((object) => ({ object, identifier: identifiers.get(object)! })).sort(byIdentifier));
  }
  const resourceVariables = new Map(named.map(({ object, identifier }) => [object, uniqueVariable(camelIdentifier(object.kind.name, identifier), object.key)]));
  const resourceById = new Map(named.map(({ object, identifier }) => [targetId(object.kind.spec.path, object.key), { object, identifier }]));

  // sps_object resources: one namespace, so identifiers start with their collection's name.
  const identifiers = uniqueIdentifiers(snapshot.generic.map((object) => ({ object, key: object.key, name: object.collection.singleton ? object.name : `${object.collection.name} ${object.name}` })));
  const objects: ExportedObject[] = GENERIC_COLLECTIONS.flatMap((collection) =>
    [...identifiers]
      .filter(([{ object }]) => object.collection === collection)
      .map(([{ object }, identifier]) => ({ object, identifier }))
      .sort(byIdentifier)
      .map(({ object, identifier }) => {
        const split = splitSecrets(object);
        const variable = uniqueVariable(camelIdentifier(identifier), object.key);
        const secretsVariable = split.secrets.length > 0 ? { name: `${identifier}_secrets`, variable: uniqueVariable(camelIdentifier(identifier, 'secrets'), object.key) } : undefined;
        return { object, identifier, variable, ...split, secretsVariable };
      }),
  );
  const objectById = new Map(objects.map((exported) => [targetId(exported.object.collection.path, exported.object.key), exported]));

  // Lookups: every referenced object of a read-only kind (or a built-in) that a name finds unambiguously.
  const byKind = new Map<LookupKind, Array<{ key: string; name: string }>>();
  for (const [id, info] of snapshot.targets) {
    const collection = id.slice(0, id.lastIndexOf('/'));
    const key = id.slice(id.lastIndexOf('/') + 1);
    const kind = lookupKindByPath(collection);
    if (!kind || !info.found || (exportedKindByPath(collection) && !isBuiltinKey(key))) continue;
    byKind.set(kind, [...(byKind.get(kind) ?? []), { key, name: info.name }]);
  }
  const lookups: Lookup[] = [];
  const ambiguous = new Map<string, number>();
  for (const [kind, targets] of [...byKind].sort(([a], [b]) => (a.dataSource < b.dataSource ? -1 : 1))) {
    const counts = new Map<string, number>();
    for (const target of targets) counts.set(target.name, (counts.get(target.name) ?? 0) + 1);
    const clear = targets.filter((target) => counts.get(target.name) === 1);
    for (const target of targets) if (counts.get(target.name)! > 1) ambiguous.set(targetId(kind.path, target.key), counts.get(target.name)!);
    const identifiers = uniqueIdentifiers(clear);
    const ofKind = clear.map((target) => ({ ...target, identifier: identifiers.get(target)! })).sort(byIdentifier);
    for (const target of ofKind) {
      const variable = uniqueVariable(camelIdentifier(kind.dataSource.replace(/^sps_/, ''), target.identifier), target.key);
      lookups.push({ kind, key: target.key, name: target.name, identifier: target.identifier, variable });
    }
  }
  const lookupById = new Map(lookups.map((lookup) => [targetId(lookup.kind.path, lookup.key), lookup]));

  let keyReferences = 0;
  const resolve = (collection: string, key: string): ResolvedReference => {
    const id = targetId(collection, key);
    const resource = resourceById.get(id);
    if (resource) {
      const { object, identifier } = resource;
      return { type: 'resource', resourceType: object.kind.resourceType, identifier, variable: resourceVariables.get(object)! };
    }
    const exported = objectById.get(id);
    if (exported) return { type: 'resource', resourceType: 'sps_object', identifier: exported.identifier, variable: exported.variable, fromKeyOf: lookupKindByPath(collection)?.helper };
    const lookup = lookupById.get(id);
    if (lookup) return { type: 'lookup', lookup };
    keyReferences++;
    return { type: 'key', key, collection, comment: whyKey(snapshot, collection, key, ambiguous.get(id)) };
  };

  // Names that find exactly one exported object of the kind they may name.
  const holders = new Map<string, NamedResource[]>();
  for (const { object, identifier } of named) {
    const id = targetId(object.kind.spec.path, object.name);
    holders.set(id, [...(holders.get(id) ?? []), { resourceType: object.kind.resourceType, identifier, variable: resourceVariables.get(object)! }]);
  }
  const namesOf = (object: ReadObject) =>
    new Map(
      object.kind.spec.nameUses(object.body).flatMap((use) =>
        use.names.flatMap((name, index) => {
          const found = holders.get(targetId(use.named.target().path, name));
          return found?.length === 1 ? [[formatFieldPath([...use.path, index]), found[0]] as const] : [];
        }),
      ),
    );

  const resources = named.map(({ object, identifier }) => ({
    object,
    identifier,
    variable: resourceVariables.get(object)!,
    references: new Map(referencesOf(object).map((site) => [formatFieldPath(site.path), resolve(site.collection, site.key)])),
    names: namesOf(object),
  }));
  return { resources, objects, lookups, keyReferences };
}

/** The comment next to a reference written as a key. */
function whyKey(snapshot: ApplianceSnapshot, collection: string, key: string, namesakes: number | undefined): string {
  const kind = collectionByPath(collection)?.kind ?? collection;
  const leftOut = snapshot.leftOut.get(targetId(collection, key));
  if (leftOut) return `${kind} "${leftOut.name}" (key ${key}) is not exported: left out by --select`;
  const target = snapshot.targets.get(targetId(collection, key));
  if (namesakes && target?.found) return `${kind} key ${key}: ${namesakes} ${kind} objects are named "${target.name}", so a lookup by name would be ambiguous`;
  if (target?.found && exportedKindByPath(collection)) return `${kind} "${target.name}" (key ${key}) is not exported: left out by --select`;
  if (target && !target.found) return `${kind} key ${key}: ${target.reason}`;
  return `${kind} key ${key}: no data source looks this kind up by name`;
}

function byIdentifier(a: { identifier: string }, b: { identifier: string }): number {
  return a.identifier < b.identifier ? -1 : a.identifier > b.identifier ? 1 : 0;
}
