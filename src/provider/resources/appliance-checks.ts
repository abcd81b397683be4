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

/**
 * A change that adds to a field the name of an object the model attaches advice to (a user list
 * in a channel rule's groups needs gateway authentication) gets a warning naming the field and the
 * objects: the reviewer of the plan learns what else must hold for it to take effect. Names the
 * prior state already had are not repeated, so a plan that keeps them stays quiet.
 */
export async function adviseOnNamedObjects(runtime: ProviderRuntime, kind: Kind, body: unknown, prior: unknown, attributes: Readonly<Record<string, Attribute>>): Promise<Diagnostic[]> {
  const before = new Map((prior === undefined ? [] : kind.nameUses(prior)).map((use) => [JSON.stringify(use.path), new Set(use.names)]));
  const advised = await Promise.all(
    kind.nameUses(body).map(async (use) => {
      const target = collectionByPath(use.named.target().path);
      if (!use.named.advice || !target) return undefined;
      const kept = before.get(JSON.stringify(use.path)) ?? new Set<string>();
      const added = use.names.filter((name) => !kept.has(name));
      const objects = (await Promise.all(added.map(async (name) => ((await runtime.names.hasName(target, name)) ? name : undefined)))).filter((name) => name !== undefined);
      if (objects.length === 0) return undefined;
      const path = kind.attributePath(use.path);
      const field = formatFieldPath(path);
      const top = path[0];
      const listed = objects.map((name) => `"${name}"`).join(', ');
      const named = objects.length === 1 ? `the ${target.kind} ${listed}` : `the ${target.plural} ${listed}`;
      const diagnostic: Diagnostic = {
        severity: 'warning',
        summary: `The ${kind.kind}'s ${field} names ${named}`,
        detail: `${field} of the ${kind.kind} names ${named}. ${use.named.advice}`,
        path: typeof top === 'string' && top in attributes ? [top] : [],
      };
      return diagnostic;
    }),
  );
  return advised.filter((diagnostic): diagnostic is Diagnostic => diagnostic !== undefined);
}
