import type { CtyType } from '../../plugin/cty/types';
import type { Attribute, NestedAttribute, NestingMode } from '../../plugin/framework';

/**
 * Shorthands for the attribute shapes the resources use. Every optional attribute is also
 * computed: the plan fills it with what the appliance will store (the model's defaults), so an
 * omitted field is shown, and a change made outside Terraform shows as drift.
 */
export const required = (type: CtyType, description: string): Attribute => ({ type, required: true, description });

export const optional = (type: CtyType, description: string): Attribute => ({ type, optional: true, computed: true, description });

export function nested(
  mode: NestingMode,
  presence: 'required' | 'optional',
  description: string,
  attributes: Record<string, Attribute>,
): NestedAttribute {
  return presence === 'required'
    ? { nested: { mode, attributes }, required: true, description }
    : { nested: { mode, attributes }, optional: true, computed: true, description };
}
