import { type FieldNode, type FieldNodes, type Kind, kindWithArticle, type VariantsNode } from '../model';
import type { CtyType } from '../plugin/cty/types';
import type { Attribute, NestingMode } from '../plugin/framework';

/**
 * The Terraform schema of a kind, derived from its description in src/model: attribute names
 * are the body's field names, nested objects are nested attributes, sets are sets. Every
 * optional attribute is also computed: the plan fills it with what the appliance will store (the
 * model's default), so an omitted field is shown, and a change made outside Terraform shows as
 * drift instead of hiding behind a null.
 */

/** The attributes of a managed kind's configurable fields. */
export function fieldAttributes(fields: FieldNodes): Record<string, Attribute> {
  return Object.fromEntries(Object.entries(fields).map(([name, node]) => [name, configurable(node, isRequired(node))]));
}

/** The attributes of what the appliance sets itself: read-only, kept from creation where they never change. */
export function computedAttributes(kind: Kind): Record<string, Attribute> {
  return Object.fromEntries(
    Object.entries(kind.computed).map(([name, { node, mode }]) => [
      name,
      { type: ctyTypeOf(node), computed: true, description: node.doc, ...(node.sensitive ? { sensitive: true } : {}), ...(mode === 'changing' ? {} : { planModifiers: ['useStateForUnknown'] }) } satisfies Attribute,
    ]),
  );
}

/** A data source's attributes: the name to look up, the key it finds, and every other field, read-only. */
export function lookupAttributes(kind: Kind): Record<string, Attribute> {
  const others = Object.entries(kind.fields).filter(([name]) => name !== 'name');
  return {
    name: { type: 'string', required: true, description: `The name of the ${kind.kind} to look up.` },
    id: { type: 'string', computed: true, description: `The key of the ${kind.kind}, to use in references.` },
    ...Object.fromEntries(others.map(([name, node]) => [name, readOnly(node)])),
  };
}

export function lookupDescription(kind: Kind): string {
  const builtins = kind.builtins.length > 0 ? ', built-in objects included' : '';
  return `Looks up ${kindWithArticle(kind.kind)} (\`${kind.path}\`) by name${builtins}, to reference it by its key. ${kind.doc}`;
}

function isRequired(node: FieldNode): boolean {
  return node.presence.kind === 'required' && !node.nullable;
}

/** Whether the configuration sets the attribute (required or optional+computed) or only reads it (computed). */
type Access = 'configurable' | 'readOnly';

function configurable(node: FieldNode, required: boolean): Attribute {
  return attributeOf(node, required, 'configurable');
}

function readOnly(node: FieldNode): Attribute {
  return attributeOf(node, false, 'readOnly');
}

function attributeOf(node: FieldNode, required: boolean, access: Access): Attribute {
  const flags = { ...presence(required, access), description: node.doc, ...(node.sensitive ? { sensitive: true } : {}) };
  const nested = nestedOf(node);
  if (nested) return { ...flags, nested: { mode: nested.mode, attributes: nestedAttributes(nested.fields, nested.variants, access) } };
  return { ...flags, type: ctyTypeOf(node) };
}

function presence(required: boolean, access: Access) {
  if (access === 'readOnly') return { computed: true };
  return required ? { required: true } : { optional: true, computed: true };
}

/** An object (or a list or set of objects) is a nested attribute; everything else has a plain type. */
function nestedOf(node: FieldNode): { mode: NestingMode; fields: FieldNodes; variants?: VariantsNode } | undefined {
  if (node.type === 'object') return { mode: 'single', fields: node.fields };
  if (node.type === 'variants') return { mode: 'single', fields: {}, variants: node };
  if (node.type === 'list' && (node.item.type === 'object' || node.item.type === 'variants')) {
    const item = nestedOf(node.item)!;
    return { ...item, mode: node.set ? 'set' : 'list' };
  }
  return undefined;
}

/**
 * The attributes of an object, or of a variants node: its discriminator (required) and every
 * field of every case, each required only where every case requires it.
 */
function nestedAttributes(fields: FieldNodes, variants: VariantsNode | undefined, access: Access): Record<string, Attribute> {
  if (!variants) return Object.fromEntries(Object.entries(fields).map(([name, node]) => [name, attributeOf(node, isRequired(node), access)]));
  const attributes: Record<string, Attribute> = {
    [variants.on]: { ...presence(true, access), description: variants.onDoc, type: discriminatorType(variants) },
  };
  const caseFieldSets = variants.cases.map((variantCase) => ({ ...variants.shared, ...variantCase.fields }));
  for (const name of new Set(caseFieldSets.flatMap((caseFields) => Object.keys(caseFields)))) {
    const node = caseFieldSets.find((caseFields) => name in caseFields)![name];
    const requiredEverywhere = caseFieldSets.every((caseFields) => name in caseFields && isRequired(caseFields[name]));
    attributes[name] = attributeOf(node, requiredEverywhere, access);
  }
  return attributes;
}

function discriminatorType(node: VariantsNode): CtyType {
  return typeof node.cases[0]?.value === 'boolean' ? 'bool' : 'string';
}

/** The cty type of a field's values. */
export function ctyTypeOf(node: FieldNode): CtyType {
  switch (node.type) {
    case 'string':
    case 'enum':
    case 'reference':
      return 'string';
    case 'number':
      return 'number';
    case 'bool':
      return 'bool';
    case 'list':
      return node.set ? { set: ctyTypeOf(node.item) } : { list: ctyTypeOf(node.item) };
    case 'object':
      return { object: Object.fromEntries(Object.entries(node.fields).map(([name, field]) => [name, ctyTypeOf(field)])) };
    case 'variants': {
      const object: Record<string, CtyType> = { [node.on]: discriminatorType(node) };
      for (const variantCase of node.cases) {
        for (const [name, field] of Object.entries({ ...node.shared, ...variantCase.fields })) object[name] ??= ctyTypeOf(field);
      }
      return { object };
    }
  }
}
