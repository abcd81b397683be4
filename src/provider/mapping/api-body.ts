import { BigNumberValue, type CtyType, type CtyValue, DynamicValueOf, Unknown } from '../../plugin/cty/types';

/**
 * Conversion between Terraform values and appliance JSON bodies. Every resource in this provider
 * uses the appliance's own field names, so the conversion is structural: Terraform's nulls
 * become absent fields, and absent fields come back as nulls.
 */

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/**
 * Turns a Terraform value into the body the appliance expects: null attributes are left out,
 * numbers become JSON numbers. Unknown values are left out too (they never reach an apply).
 */
export function toApiBody(value: CtyValue): JsonValue | undefined {
  if (value === null || value instanceof Unknown) return undefined;
  if (value instanceof BigNumberValue) return Number(value.text);
  if (value instanceof DynamicValueOf) return toApiBody(value.value);
  if (Array.isArray(value)) return value.map((item) => toApiBody(item) ?? null);
  if (typeof value === 'object') {
    const body: Record<string, JsonValue> = {};
    for (const [key, item] of Object.entries(value)) {
      const converted = toApiBody(item);
      if (converted !== undefined) body[key] = converted;
    }
    return body;
  }
  return value;
}

/**
 * Turns an appliance body into a Terraform value of `type`: attributes the body lacks become
 * null, and fields Terraform does not model are dropped.
 */
export function fromApiBody(type: CtyType, body: unknown): CtyValue {
  if (body === undefined || body === null) return null;
  if (typeof type === 'string') {
    switch (type) {
      case 'string':
        return typeof body === 'string' ? body : JSON.stringify(body);
      case 'number':
        return typeof body === 'number' ? body : Number(body);
      case 'bool':
        return Boolean(body);
      default:
        return body as CtyValue;
    }
  }
  if ('list' in type || 'set' in type) {
    const element = 'list' in type ? type.list : type.set;
    return Array.isArray(body) ? body.map((item) => fromApiBody(element, item)) : null;
  }
  if ('map' in type) {
    return Object.fromEntries(Object.entries(body as Record<string, unknown>).map(([k, v]) => [k, fromApiBody(type.map, v)]));
  }
  if ('tuple' in type) {
    return type.tuple.map((element, index) => fromApiBody(element, (body as unknown[])[index]));
  }
  const source = body as Record<string, unknown>;
  return Object.fromEntries(Object.entries(type.object).map(([key, attributeType]) => [key, fromApiBody(attributeType, source[key])]));
}
