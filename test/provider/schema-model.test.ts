/**
 * The Terraform schema of each resource and the shared zod model describe the same fields: every
 * model field has an attribute, and every attribute (besides `id` and the provider's own extras)
 * is a model field, at every depth. A field added to one and forgotten in the other fails here.
 */
import type { z } from 'zod';
import { apiClients, type CollectionSpec, httpConnectionPolicies, userLists } from '../../src/model';
import type { CtyType } from '../../src/plugin/cty/types';
import { type Attribute, isNested } from '../../src/plugin/framework';
import { createProvider } from '../../src/provider/provider';

type Schema = z.ZodType & { def: Record<string, unknown> & { type: string } };

/** Every field path the model accepts ("network.ports", "server_address.domains.domain.value", …). */
function modelPaths(schema: Schema, prefix = ''): Set<string> {
  const paths = new Set<string>();
  const visit = (node: Schema, at: string) => {
    const def = node.def;
    switch (def.type) {
      case 'object':
        for (const [key, child] of Object.entries(def.shape as Record<string, Schema>)) {
          const path = at ? `${at}.${key}` : key;
          paths.add(path);
          visit(child, path);
        }
        return;
      case 'union':
        for (const option of def.options as Schema[]) visit(option, at);
        return;
      case 'array':
        return visit(def.element as Schema, at);
      case 'optional':
      case 'default':
      case 'nullable':
      case 'readonly':
      case 'prefault':
        return visit(def.innerType as Schema, at);
      case 'pipe':
        visit(def.in as Schema, at);
        return visit(def.out as Schema, at);
      default:
        return;
    }
  };
  visit(schema, prefix);
  return paths;
}

/** Every attribute path of a Terraform schema, nested attributes and object types included. */
function attributePaths(attributes: Readonly<Record<string, Attribute>>, prefix = ''): Set<string> {
  const paths = new Set<string>();
  const visitType = (type: CtyType, at: string) => {
    if (typeof type === 'string') return;
    if ('object' in type) for (const [key, child] of Object.entries(type.object)) {
      paths.add(`${at}.${key}`);
      visitType(child, `${at}.${key}`);
    }
    if ('list' in type) visitType(type.list, at);
    if ('set' in type) visitType(type.set, at);
  };
  for (const [name, attribute] of Object.entries(attributes)) {
    const path = prefix ? `${prefix}.${name}` : name;
    paths.add(path);
    if (isNested(attribute)) for (const child of attributePaths(attribute.nested.attributes, path)) paths.add(child);
    else visitType(attribute.type, path);
  }
  return paths;
}

const provider = createProvider();
const EXTRAS: Record<string, string[]> = { sps_api_client: ['client_id', 'client_secret', 'status', 'keepers', 'client_secret_wo', 'client_secret_wo_version'] };
const cases: Array<[string, CollectionSpec<unknown>]> = [
  ['sps_user_list', userLists as CollectionSpec<unknown>],
  ['sps_http_connection_policy', httpConnectionPolicies as CollectionSpec<unknown>],
  ['sps_api_client', apiClients as CollectionSpec<unknown>],
];

it.each(cases)('%s: every model field is an attribute, and every attribute a model field', (typeName, spec) => {
  const resource = provider.resources.find((r) => r.typeName === typeName)!;
  const ignored = new Set(['id', ...(EXTRAS[typeName] ?? [])]);
  const attributes = [...attributePaths(resource.schema.attributes)].filter((path) => !ignored.has(path.split('.')[0])).sort();
  const model = [...modelPaths(spec.strictSchema as Schema)].sort();
  expect(attributes.length).toBeGreaterThan(2);
  expect({ onlyInSchema: attributes.filter((p) => !model.includes(p)), onlyInModel: model.filter((p) => !attributes.includes(p)) }).toEqual({ onlyInSchema: [], onlyInModel: [] });
});
