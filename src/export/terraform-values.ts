import { type Attribute, objectTypeOf } from '../plugin/framework';
import type { CtyValue } from '../plugin/cty/types';
import { fromApiBody, type JsonValue } from '../provider/mapping/api-body';
import { createProvider } from '../provider/provider';

/**
 * An appliance body as the resource's Terraform attribute values, through the provider's own
 * schema and body mapping: exactly the attributes a configuration sets, nothing re-derived here.
 */

/** Attributes that exist only in Terraform (never on the appliance), so an export cannot know them. */
export const TERRAFORM_ONLY_ATTRIBUTES = ['keepers'] as const;

let schemas: Map<string, Readonly<Record<string, Attribute>>> | undefined;

/** The configurable attributes of a resource type (required or optional, not Terraform-only). */
export function configurableAttributes(resourceType: string): Readonly<Record<string, Attribute>> {
  schemas ??= new Map(createProvider().resources.map((resource) => [resource.typeName, resource.schema.attributes]));
  const attributes = schemas.get(resourceType);
  if (!attributes) throw new Error(`the provider has no resource type ${resourceType}`);
  return Object.fromEntries(
    Object.entries(attributes).filter(
      ([name, attribute]) => (attribute.required || attribute.optional) && !(TERRAFORM_ONLY_ATTRIBUTES as readonly string[]).includes(name),
    ),
  );
}

/** The body as an object of attribute values; absent fields are null. */
export function terraformValue(resourceType: string, body: unknown): { [attribute: string]: JsonValue } {
  const value = asJson(fromApiBody(objectTypeOf(configurableAttributes(resourceType)), body));
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new Error(`the ${resourceType} body is not an object`);
  return value;
}

function asJson(value: CtyValue): JsonValue {
  if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (Array.isArray(value)) return value.map(asJson);
  if (typeof value === 'object' && value.constructor === Object) {
    return Object.fromEntries(Object.entries(value as Record<string, CtyValue>).map(([key, item]) => [key, asJson(item)]));
  }
  throw new Error('an appliance body holds a value that is not JSON');
}

