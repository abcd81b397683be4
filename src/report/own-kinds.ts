import type { CtyType } from '../plugin/cty/types';
import { schemaType } from '../plugin/framework';
import { createProvider } from '../provider/provider';

/** Stands for any element of a list or any key of a map in a path from setAttributePaths. */
export const ANY = '*';

let setPaths: Map<string, string[][]> | undefined;

/**
 * The paths of the set-typed attributes of one of this product's resource types, nested ones
 * included (e.g. `["applies_to", "groups"]`; ANY for a list element or map key on the way), so
 * the report diffs them by membership. Empty for other providers' types: their plan JSON does not
 * say which arrays are sets, so they are diffed by position as the JSON shows them.
 * This is the report's one reader of the product's schemas: the provider's own, as Terraform gets it.
 */
export function setAttributePaths(resourceType: string): string[][] {
  setPaths ??= new Map(createProvider().resources.map((resource) => [resource.typeName, pathsOfSets(schemaType(resource.schema), [])]));
  return setPaths.get(resourceType) ?? [];
}

function pathsOfSets(type: CtyType, path: string[]): string[][] {
  if (typeof type === 'string') return [];
  // A set is compared as a whole, member by member: sets nested in its members need no path.
  if ('set' in type) return [path];
  if ('list' in type) return pathsOfSets(type.list, [...path, ANY]);
  if ('map' in type) return pathsOfSets(type.map, [...path, ANY]);
  if ('object' in type) return Object.entries(type.object).flatMap(([name, attribute]) => pathsOfSets(attribute, [...path, name]));
  return type.tuple.flatMap((element) => pathsOfSets(element, [...path, ANY]));
}
