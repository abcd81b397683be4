import type { CtyType, CtyValue } from '../cty/types';

/**
 * Schemas in the style of terraform-plugin-framework: attributes (with nested attributes, never
 * legacy blocks), described in Markdown, flagged required/optional/computed/sensitive.
 */

export type PlanModifier =
  /** Keep the prior state's value instead of "(known after apply)" when the config leaves it unset. */
  | 'useStateForUnknown'
  /** A change to this attribute replaces the object. */
  | 'requiresReplace';

interface AttributeBase {
  /** Markdown; shown in docs, in `terraform providers schema -json` and in the CDKTF bindings. */
  readonly description: string;
  readonly required?: boolean;
  readonly optional?: boolean;
  readonly computed?: boolean;
  readonly sensitive?: boolean;
  /** A deprecation message; the attribute is marked deprecated. */
  readonly deprecated?: string;
  /**
   * Write-only (Terraform 1.11): the configuration's value reaches the provider when it applies,
   * and is never stored in a plan or the state. Top-level attributes only.
   */
  readonly writeOnly?: boolean;
  readonly planModifiers?: readonly PlanModifier[];
  /** Planned when the configuration leaves the attribute null (the attribute must be computed). */
  readonly default?: CtyValue;
}

export interface ValueAttribute extends AttributeBase {
  readonly type: CtyType;
}

export type NestingMode = 'single' | 'list' | 'set' | 'map';

export interface NestedAttribute extends AttributeBase {
  readonly nested: { readonly mode: NestingMode; readonly attributes: Readonly<Record<string, Attribute>> };
}

export type Attribute = ValueAttribute | NestedAttribute;

export interface Schema {
  /** Bumped when the stored state's shape changes; see Resource.upgradeState. */
  readonly version?: number;
  readonly description: string;
  readonly attributes: Readonly<Record<string, Attribute>>;
}

export function isNested(attribute: Attribute): attribute is NestedAttribute {
  return 'nested' in attribute;
}

/** The cty type of a nested attribute's objects. */
export function objectTypeOf(attributes: Readonly<Record<string, Attribute>>): CtyType {
  return { object: Object.fromEntries(Object.entries(attributes).map(([name, a]) => [name, attributeType(a)])) };
}

export function attributeType(attribute: Attribute): CtyType {
  if (!isNested(attribute)) return attribute.type;
  const element = objectTypeOf(attribute.nested.attributes);
  switch (attribute.nested.mode) {
    case 'single':
      return element;
    case 'list':
      return { list: element };
    case 'set':
      return { set: element };
    case 'map':
      return { map: element };
  }
}

/** The cty object type of a whole schema: what DynamicValues of this resource hold. */
export function schemaType(schema: Schema): CtyType {
  return objectTypeOf(schema.attributes);
}

/** The names of the write-only attributes that `value` sets (not null), in schema order. */
export function writeOnlyAttributesSet(schema: Schema, value: Readonly<Record<string, CtyValue>>): string[] {
  const names: string[] = [];
  for (const [name, attribute] of Object.entries(schema.attributes)) {
    if (attribute.writeOnly && value[name] !== null && value[name] !== undefined) names.push(name);
  }
  return names;
}

/** The value with every write-only attribute null: what a plan or a state may hold. */
export function withoutWriteOnly<T extends Record<string, CtyValue> | null>(schema: Schema, value: T): T {
  if (value === null) return value;
  const names = writeOnlyAttributesSet(schema, value);
  if (names.length === 0) return value;
  const copy: Record<string, CtyValue> = { ...value };
  for (const name of names) copy[name] = null;
  return copy as T;
}
