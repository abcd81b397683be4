import type { ApplianceObject } from '../../client';
import type { CollectionSpec } from '../../model';
import { type DataSource, DiagnosticsError, errorDiagnostic, type ObjectValue, type Schema } from '../../plugin/framework';
import type { ProviderRuntime } from '../runtime';

/**
 * A data source that finds one object of a collection by name (built-in defaults included), so
 * configurations reference objects by name instead of by magic key.
 */
export function lookupByName<Body extends { name?: unknown }>(
  runtime: ProviderRuntime,
  options: {
    typeName: string;
    spec: CollectionSpec<Body>;
    description: string;
    /** Attributes besides name and id, filled from the object's body. */
    extraAttributes?: Schema['attributes'];
    toState?: (object: ApplianceObject<Body>) => ObjectValue;
  },
): DataSource {
  return {
    typeName: options.typeName,
    schema: {
      description: options.description,
      attributes: {
        name: { type: 'string', required: true, description: `The name of the ${options.spec.kind} to look up.` },
        id: { type: 'string', computed: true, description: `The key of the ${options.spec.kind}, to use in references.` },
        ...options.extraAttributes,
      },
    },
    async read({ config }) {
      const name = String(config.name);
      const found = await runtime.findByName(options.spec, name);
      if (found.length !== 1) {
        const problem =
          found.length === 0
            ? `The appliance has no ${options.spec.kind} named "${name}"`
            : `The name is ambiguous: ${found.length} ${options.spec.kind} objects are named "${name}" (keys ${found.map((o) => `"${o.key}"`).join(', ')}); rename all but one, or reference the one you mean by its key`;
        throw new DiagnosticsError([errorDiagnostic(`Cannot look up ${options.spec.kind} "${name}"`, `${problem} (${options.spec.path}).`, ['name'])]);
      }
      const [object] = found;
      return { name, id: object.key, ...(options.toState?.(object) ?? {}) };
    },
  };
}
