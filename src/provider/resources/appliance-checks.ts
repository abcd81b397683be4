import { collectionByPath, formatFieldPath, type Kind } from '../../model';
import { type Attribute, type Diagnostic, errorDiagnostic } from '../../plugin/framework';
import type { ProviderRuntime } from '../runtime';

/**
 * Every reference whose key is known at plan time must exist on the appliance, checked with one
 * cached GET per key per provider process; the diagnostics name the field and the kind expected.
 */
export async function checkReferencesExist(runtime: ProviderRuntime, kind: Kind, body: unknown, attributes: Readonly<Record<string, Attribute>>): Promise<Diagnostic[]> {
  const missing = await Promise.all(
    kind.references(body as Record<string, unknown>).map(async (site) => {
      const target = collectionByPath(site.collection);
      if (!target || (await runtime.exists(target, site.key))) return undefined;
      const path = kind.attributePath(site.path);
      const field = formatFieldPath(path);
      const top = path[0];
      return errorDiagnostic(
        `Invalid ${kind.kind}: ${field}`,
        `${field}: the appliance has no ${target.kind} with key "${site.key}" (${site.collection}/${site.key}); it expects the key of an existing ${target.kind}, e.g. from its data source.`,
        typeof top === 'string' && top in attributes ? [top] : [],
      );
    }),
  );
  return missing.filter((diagnostic): diagnostic is Diagnostic => diagnostic !== undefined);
}
