import { type CtyValue, UNKNOWN } from '../cty/types';
import type { AttributePathStep } from './diagnostics';
import { type Attribute, isNested, type Schema } from './schema';
import type { ObjectValue } from './contract';
import { ctyEqual } from './values';

/**
 * The framework's part of PlanResourceChange, as terraform-plugin-framework does it: Terraform's
 * proposed new state already carries the configuration (and prior values of unset computed
 * attributes); here, unset computed attributes get their default, or become unknown when the
 * object changes (unless useStateForUnknown keeps the prior value), and attributes marked
 * requiresReplace are reported when they change.
 */
export function planChange(
  schema: Schema,
  prior: ObjectValue | null,
  proposed: ObjectValue,
  config: ObjectValue,
): { planned: ObjectValue; requiresReplace: AttributePathStep[][] } {
  const changing = prior === null || !ctyEqual(proposed, prior);
  const planned = planAttributes(schema.attributes, prior, proposed, config, changing);
  return { planned, requiresReplace: replacementsBetween(schema, prior, planned) };
}

/** Paths of requiresReplace attributes whose planned value differs from the prior state. */
export function replacementsBetween(schema: Schema, prior: ObjectValue | null, planned: ObjectValue): AttributePathStep[][] {
  const paths: AttributePathStep[][] = [];
  if (prior !== null) collectReplacements(schema.attributes, prior, planned, [], paths);
  return paths;
}

function planAttributes(
  attributes: Readonly<Record<string, Attribute>>,
  prior: ObjectValue | null,
  proposed: ObjectValue,
  config: ObjectValue,
  changing: boolean,
): ObjectValue {
  const planned: ObjectValue = {};
  for (const [name, attribute] of Object.entries(attributes)) {
    const priorValue = prior ? (prior[name] ?? null) : null;
    planned[name] = planAttribute(attribute, priorValue, proposed[name] ?? null, config[name] ?? null, prior !== null, changing);
  }
  return planned;
}

function planAttribute(
  attribute: Attribute,
  prior: CtyValue,
  proposed: CtyValue,
  config: CtyValue,
  hasPrior: boolean,
  changing: boolean,
): CtyValue {
  if (attribute.computed && config === null) {
    if (attribute.default !== undefined) return attribute.default;
    if (hasPrior && (!changing || attribute.planModifiers?.includes('useStateForUnknown'))) return prior;
    return UNKNOWN;
  }
  // Inside a configured single nested object, its own computed attributes follow the same rules.
  if (isNested(attribute) && attribute.nested.mode === 'single' && isObject(config) && isObject(proposed)) {
    return planAttributes(attribute.nested.attributes, isObject(prior) ? prior : null, proposed, config, changing);
  }
  return proposed;
}

function collectReplacements(
  attributes: Readonly<Record<string, Attribute>>,
  prior: ObjectValue,
  planned: ObjectValue,
  path: AttributePathStep[],
  into: AttributePathStep[][],
): void {
  for (const [name, attribute] of Object.entries(attributes)) {
    const before = prior[name] ?? null;
    const after = planned[name] ?? null;
    if (attribute.planModifiers?.includes('requiresReplace') && !ctyEqual(before, after)) {
      into.push([...path, name]);
    } else if (isNested(attribute) && attribute.nested.mode === 'single' && isObject(before) && isObject(after)) {
      collectReplacements(attribute.nested.attributes, before, after, [...path, name], into);
    }
  }
}

function isObject(value: CtyValue): value is ObjectValue {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && value.constructor === Object;
}
