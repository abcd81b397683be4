import { collectionByPath, type CollectionSpec, formatFieldPath, kindWithArticle } from '../../model';
import { type Attribute, type Diagnostic, DiagnosticsError, errorDiagnostic } from '../../plugin/framework';
import type { ProviderRuntime } from '../runtime';

/**
 * What the provider checks against the appliance itself, because the appliance does not: that a
 * name is not taken before a create, and that referenced keys exist before an apply.
 */

/**
 * A create refused because the name is taken: the existing key, and the import block (or, in
 * CDKTF, importFrom) that adopts the object instead.
 */
export function existingNameDiagnostic(typeName: string, kind: string, name: string, keys: readonly string[]): Diagnostic {
  const title = `${kind[0].toUpperCase()}${kind.slice(1)} "${name}"`;
  if (keys.length === 0) {
    return errorDiagnostic(
      `${title} is created twice`,
      `Another resource of this configuration creates ${kindWithArticle(kind)} named "${name}" in the same apply; names identify objects on the appliance (lookups go by name). Nothing was written for this one. Give each a name of its own.`,
      ['name'],
    );
  }
  const key = keys[0];
  return errorDiagnostic(
    `${title} already exists`,
    `The appliance already has ${keys.length === 1 ? `${kindWithArticle(kind)}` : `${keys.length} ${kind} objects`} named "${name}" (key${keys.length === 1 ? '' : 's'} ${keys.map((k) => `"${k}"`).join(', ')}), ` +
      'perhaps created by an earlier run whose state was lost, or by hand. Nothing was written. Adopt it instead of creating a second one, with an import block ' +
      `(the resource's address is shown above):\n\nimport {\n  to = ${typeName}.<name>\n  id = "${key}"\n}\n\nIn CDKTF: <construct>.resource.importFrom("${key}"). Or rename one of them.`,
    ['name'],
  );
}

/**
 * Every reference whose key is known at plan time must exist on the appliance, checked with one
 * cached GET per key per provider process; the error names the field and the kind it expected.
 */
export async function checkReferencesExist<Body>(runtime: ProviderRuntime, spec: CollectionSpec<Body>, body: Body, attributes: Readonly<Record<string, Attribute>>): Promise<void> {
  const missing: Diagnostic[] = [];
  await Promise.all(
    spec.references(body).map(async (site) => {
      const target = collectionByPath(site.collection);
      if (!target || (await runtime.exists(target as CollectionSpec<{ name?: unknown }>, site.key))) return;
      const field = formatFieldPath(site.path);
      const top = site.path[0];
      missing.push(
        errorDiagnostic(
          `Invalid ${spec.kind}: ${field}`,
          `${field}: the appliance has no ${target.kind} with key "${site.key}" (${site.collection}/${site.key}); it expects the key of an existing ${target.kind}, e.g. from its data source.`,
          typeof top === 'string' && top in attributes ? [top] : [],
        ),
      );
    }),
  );
  if (missing.length > 0) throw new DiagnosticsError(missing);
}
