import type { JsonValue } from '../provider/mapping/api-body';
import { PROVIDER_VERSION_CONSTRAINT } from '../version';
import type { ExportedResource, ExportModel, ResolvedReference } from './export-model';
import { type HclLine, hclString, renderHclLines } from './hcl-format';
import { commentText, describeObject, fileHeader, SECRET_NOTE } from './texts';
import { terraformValue } from './terraform-values';

/** The files writeHcl writes. */
export const HCL_FILES = ['main.tf'] as const;

/**
 * `main.tf`: the provider without credentials, lookups, and a resource and an import block per
 * object. With `imports: false` the resources alone, for objects Terraform is to create (the
 * acceptance tests derive their configurations from the kinds' examples so).
 */
export function writeHcl(model: ExportModel, selection: string, options: { imports?: boolean } = {}): Record<(typeof HCL_FILES)[number], string> {
  const imports = options.imports ?? true;
  const lines: HclLine[] = [];
  const blank = () => lines.push({ indent: 0, lead: '' });
  const comment = (text: string, indent = 0) => {
    for (const line of text.split('\n')) lines.push({ indent, lead: `# ${commentText(line)}`.trimEnd() });
  };

  comment(fileHeader('hcl', selection));
  blank();
  lines.push(
    { indent: 0, lead: 'terraform {' },
    { indent: 2, lead: 'required_providers {' },
    { indent: 4, lead: 'sps = {' },
    { indent: 6, lead: 'source', assign: `= ${hclString('sps-iac/sps')}` },
    { indent: 6, lead: 'version', assign: `= ${hclString(PROVIDER_VERSION_CONSTRAINT)}` },
    { indent: 4, lead: '}' },
    { indent: 2, lead: '}' },
    { indent: 0, lead: '}' },
  );
  blank();
  comment('The appliance and the credentials come from the environment, never from this file: SPS_URL,\nSPS_USERNAME and SPS_PASSWORD (or SPS_CLIENT_ID and SPS_CLIENT_SECRET), SPS_CA_FILE or SPS_INSECURE.');
  lines.push({ indent: 0, lead: 'provider "sps" {}' });

  if (model.lookups.length > 0) {
    blank();
    comment('Referenced objects that Terraform reads but does not manage, looked up by name.');
    model.lookups.forEach((lookup, index) => {
      if (index > 0) blank();
      lines.push(
        { indent: 0, lead: `data "${lookup.kind.dataSource}" "${lookup.identifier}" {` },
        { indent: 2, lead: 'name', assign: `= ${hclString(lookup.name)}` },
        { indent: 0, lead: '}' },
      );
    });
  }

  for (const resource of model.resources) {
    blank();
    comment(describeObject(resource, imports));
    if (resource.object.kind.createOnly.length > 0) comment(SECRET_NOTE.hcl);
    lines.push({ indent: 0, lead: `resource "${resource.object.kind.resourceType}" "${resource.identifier}" {` });
    const value = terraformValue(resource.object.kind, resource.object.body);
    for (const [name, item] of Object.entries(value)) lines.push(...attributeLines(name, item, name, 2, resource));
    lines.push({ indent: 0, lead: '}' });
    if (!imports) continue;
    blank();
    lines.push(
      { indent: 0, lead: 'import {' },
      { indent: 2, lead: 'to', assign: `= ${resource.object.kind.resourceType}.${resource.identifier}` },
      { indent: 2, lead: 'id', assign: `= ${hclString(resource.object.key)}` },
      { indent: 0, lead: '}' },
    );
  }
  return { 'main.tf': renderHclLines(lines) };
}

/** An expression for a reference, and the comment that goes with a key. */
function referenceExpression(reference: ResolvedReference): { expression: string; comment?: string } {
  switch (reference.type) {
    case 'resource':
      return { expression: `${reference.resourceType}.${reference.identifier}.id` };
    case 'lookup':
      return { expression: `data.${reference.lookup.kind.dataSource}.${reference.lookup.identifier}.id` };
    case 'key':
      return { expression: hclString(reference.key), comment: reference.comment };
  }
}

function attributeLines(name: string, value: JsonValue, path: string, indent: number, resource: ExportedResource): HclLine[] {
  if (value === null) return [];
  const reference = resource.references.get(path);
  if (reference) {
    const { expression, comment } = referenceExpression(reference);
    return [{ indent, lead: name, assign: `= ${expression}`, comment }];
  }
  if (Array.isArray(value)) return listLines(name, value, path, indent, resource);
  if (typeof value === 'object') {
    const inner = Object.entries(value).flatMap(([key, item]) => attributeLines(key, item, `${path}.${key}`, indent + 2, resource));
    if (inner.length === 0) return [{ indent, lead: name, assign: '= {}' }];
    return [{ indent, lead: `${name} = {` }, ...inner, { indent, lead: '}' }];
  }
  return [{ indent, lead: name, assign: `= ${scalar(value)}` }];
}

function listLines(name: string, items: JsonValue[], path: string, indent: number, resource: ExportedResource): HclLine[] {
  const inlined = inline(items, path, resource);
  if (inlined && inlined.comment === undefined) return [{ indent, lead: name, assign: `= ${inlined.expression}` }];
  return [{ indent, lead: `${name} = [` }, ...itemLines(items, path, indent + 2, resource), { indent, lead: ']' }];
}

/** A list's items, one per line (objects as blocks). */
function itemLines(items: JsonValue[], path: string, indent: number, resource: ExportedResource): HclLine[] {
  return items.flatMap((item, index): HclLine[] => {
    const at = `${path}[${index}]`;
    const element = inline(item, at, resource);
    if (element) return [{ indent, lead: `${element.expression},`, comment: element.comment }];
    if (Array.isArray(item)) return [{ indent, lead: '[' }, ...itemLines(item, at, indent + 2, resource), { indent, lead: '],' }];
    const inner = Object.entries(item as Record<string, JsonValue>).flatMap(([key, field]) => attributeLines(key, field, `${at}.${key}`, indent + 2, resource));
    return [{ indent, lead: '{' }, ...inner, { indent, lead: '},' }];
  });
}

/** A value on one line (a reference with its comment, a scalar, or a list of these without comments), or undefined. */
function inline(value: JsonValue, path: string, resource: ExportedResource): { expression: string; comment?: string } | undefined {
  const reference = resource.references.get(path);
  if (reference) return referenceExpression(reference);
  if (Array.isArray(value)) {
    const items = value.map((item, index) => inline(item, `${path}[${index}]`, resource));
    if (items.some((item) => item === undefined || item.comment !== undefined)) return undefined;
    return { expression: `[${items.map((item) => item!.expression).join(', ')}]` };
  }
  if (value !== null && typeof value === 'object') return undefined;
  return { expression: scalar(value) };
}

function scalar(value: string | number | boolean | null): string {
  if (value === null) return 'null';
  return typeof value === 'string' ? hclString(value) : String(value);
}
