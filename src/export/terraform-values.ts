import { objectTypeOf } from '../plugin/framework';
import { fromApiBody, type JsonValue, toApiBody } from '../provider/mapping/api-body';
import type { ExportedKind } from './kinds';

/**
 * An appliance body as the resource's Terraform attribute values, through the provider's own
 * model attributes and body mapping: exactly the attributes a configuration sets, nothing
 * re-derived here. Fields the body lacks are left out.
 */
export function terraformValue(kind: ExportedKind, body: unknown): { [attribute: string]: JsonValue } {
  const value = toApiBody(fromApiBody(objectTypeOf(kind.attributes), kind.spec.fromApi(body)));
  if (value === undefined || value === null || typeof value !== 'object' || Array.isArray(value)) throw new Error(`the ${kind.resourceType} body is not an object`);
  return value;
}
