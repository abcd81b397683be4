import type { Kind } from '../../model';
import { type DataSource, DiagnosticsError, errorDiagnostic, type ObjectValue, objectTypeOf, type Schema } from '../../plugin/framework';
import { fromApiBody } from '../mapping/api-body';
import { lookupAttributes, lookupDescription } from '../model-schema';
import type { ProviderRuntime } from '../runtime';

/**
 * `sps_<id>`: finds one object of a kind by name (built-in defaults included), so configurations
 * reference objects by name instead of by magic key; its other fields are read-only attributes.
 */
export function lookupByName(runtime: ProviderRuntime, kind: Kind): DataSource {
  // Derived when first used: a provider process uses a few of the kinds.
  let derived: { readonly schema: Schema; readonly type: ReturnType<typeof objectTypeOf> } | undefined;
  const parts = () => {
    if (!derived) {
      const attributes = lookupAttributes(kind);
      derived = { schema: { description: lookupDescription(kind), attributes }, type: objectTypeOf(attributes) };
    }
    return derived;
  };
  return {
    typeName: `sps_${kind.id}`,
    get schema() {
      return parts().schema;
    },
    async read({ config }) {
      const name = String(config.name);
      await runtime.verifyConnection();
      const keys = await runtime.names.keysNamed(kind, name);
      if (keys.length !== 1) {
        const problem =
          keys.length === 0
            ? `The appliance has no ${kind.kind} named "${name}"`
            : `The name is ambiguous: ${keys.length} ${kind.plural} are named "${name}" (keys ${keys.map((k) => `"${k}"`).join(', ')}); rename all but one, or reference the one you mean by its key`;
        throw new DiagnosticsError([errorDiagnostic(`Cannot look up ${kind.kind} "${name}"`, `${problem} (${kind.path}).`, ['name'])]);
      }
      const object = await runtime.client.getLenient(kind, keys[0]);
      if (!object) throw new DiagnosticsError([errorDiagnostic(`Cannot look up ${kind.kind} "${name}"`, `It was deleted while Terraform read it (${kind.path}/${keys[0]}).`, ['name'])]);
      // Other objects of the kind may be unreadable (they were only listed, for their names); the one found must be read as the model says.
      if (object.body === undefined) {
        throw new DiagnosticsError([
          errorDiagnostic(
            `Cannot look up ${kind.kind} "${name}"`,
            `The ${kind.kind} "${name}" (key ${object.key}) does not match what this provider understands (a newer firmware?): ${object.problem}. ` +
              'Upgrade the provider, or change the object on the appliance.',
            ['name'],
          ),
        ]);
      }
      const fields = (fromApiBody(parts().type, kind.fromApi(object.body)) ?? {}) as ObjectValue;
      return { ...fields, name, id: object.key };
    },
  };
}
