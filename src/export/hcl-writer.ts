import type { JsonValue } from '../provider/mapping/api-body';
import { PROVIDER_VERSION_CONSTRAINT } from '../version';
import type { ExportedObject, ExportModel, NamedResource, ResolvedReference } from './export-model';
import { importId, objectComment, secretsDescription, secretsNote, secretsType } from './generic';
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

  comment(fileHeader('hcl', selection, model.objects.length > 0));
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

  for (const exported of model.objects) {
    blank();
    lines.push(...objectLines(exported));
  }

  for (const resource of model.resources) {
    blank();
    comment(describeObject(resource, imports));
    if (resource.object.kind.createOnly.length > 0) comment(SECRET_NOTE.hcl);
    lines.push({ indent: 0, lead: `resource "${resource.object.kind.resourceType}" "${resource.identifier}" {` });
    const value = terraformValue(resource.object.kind, resource.object.body);
    const typed: Values = { references: resource.references, names: resource.names, nulls: false };
    for (const [name, item] of Object.entries(value)) lines.push(...attributeLines(name, item, name, 2, typed));
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

/**
 * An `sps_object`: the body in HCL object syntax inside jsonencode (nulls kept: they are what the
 * appliance holds), its secrets from a variable, its import block by `path/key`.
 */
function objectLines(exported: ExportedObject): HclLine[] {
  const { object, identifier, secretsVariable } = exported;
  const lines: HclLine[] = [];
  const comment = (text: string) => lines.push(...text.split('\n').map((line) => ({ indent: 0, lead: `# ${commentText(line)}`.trimEnd() })));
  comment(objectComment(object));
  if (secretsVariable) comment(secretsNote(exported.secrets, secretsVariable.name));
  lines.push({ indent: 0, lead: `resource "sps_object" "${identifier}" {` }, { indent: 2, lead: 'path', assign: `= ${hclString(object.collection.path)}` });
  if (object.collection.singleton) lines.push({ indent: 2, lead: 'singleton', assign: '= true' });
  const generic: Values = { references: new Map(), names: new Map(), nulls: true };
  const body = Object.entries(exported.body).flatMap(([key, item]) => attributeLines(key, item, key, 4, generic));
  if (body.length === 0) lines.push({ indent: 2, lead: 'body', assign: '= jsonencode({})' });
  else lines.push({ indent: 2, lead: 'body = jsonencode({' }, ...body, { indent: 2, lead: '})' });
  if (secretsVariable) {
    const v = `var.${secretsVariable.name}`;
    lines.push({ indent: 2, lead: 'sensitive_body', assign: `= ${v} == null ? null : jsonencode(${v})` });
  }
  lines.push({ indent: 0, lead: '}' });
  if (secretsVariable) {
    lines.push(
      { indent: 0, lead: '' },
      { indent: 0, lead: `variable "${secretsVariable.name}" {` },
      { indent: 2, lead: 'description', assign: `= ${hclString(secretsDescription(object, exported.secrets))}` },
      { indent: 2, lead: 'type', assign: `= ${secretsType(exported.secrets)}` },
      { indent: 2, lead: 'sensitive', assign: '= true' },
      { indent: 2, lead: 'default', assign: '= null' },
      { indent: 0, lead: '}' },
    );
  }
  lines.push(
    { indent: 0, lead: '' },
    { indent: 0, lead: 'import {' },
    { indent: 2, lead: 'to', assign: `= sps_object.${identifier}` },
    { indent: 2, lead: 'id', assign: `= ${hclString(importId(object))}` },
    { indent: 0, lead: '}' },
  );
  return lines;
}

/** How values are written: a typed resource's references and names of other resources (by body path), and whether nulls are written or left out. */
interface Values {
  readonly references: ReadonlyMap<string, ResolvedReference>;
  readonly names: ReadonlyMap<string, NamedResource>;
  readonly nulls: boolean;
}

/** An attribute's or object key's name: bare when HCL reads it as that name, quoted otherwise. */
function hclKey(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_-]*$/.test(name) && !/^(true|false|null|for|in|if)$/.test(name) ? name : hclString(name);
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

function attributeLines(name: string, value: JsonValue, path: string, indent: number, values: Values): HclLine[] {
  if (value === null && !values.nulls) return [];
  const key = hclKey(name);
  const reference = values.references.get(path);
  if (reference) {
    const { expression, comment } = referenceExpression(reference);
    return [{ indent, lead: key, assign: `= ${expression}`, comment }];
  }
  if (Array.isArray(value)) return listLines(key, value, path, indent, values);
  if (value !== null && typeof value === 'object') {
    const inner = Object.entries(value).flatMap(([field, item]) => attributeLines(field, item, `${path}.${field}`, indent + 2, values));
    if (inner.length === 0) return [{ indent, lead: key, assign: '= {}' }];
    return [{ indent, lead: `${key} = {` }, ...inner, { indent, lead: '}' }];
  }
  return [{ indent, lead: key, assign: `= ${scalar(value)}` }];
}

function listLines(key: string, items: JsonValue[], path: string, indent: number, values: Values): HclLine[] {
  const inlined = inline(items, path, values);
  if (inlined && inlined.comment === undefined) return [{ indent, lead: key, assign: `= ${inlined.expression}` }];
  return [{ indent, lead: `${key} = [` }, ...itemLines(items, path, indent + 2, values), { indent, lead: ']' }];
}

/** A list's items, one per line (objects as blocks). */
function itemLines(items: JsonValue[], path: string, indent: number, values: Values): HclLine[] {
  return items.flatMap((item, index): HclLine[] => {
    const at = `${path}[${index}]`;
    const element = inline(item, at, values);
    if (element) return [{ indent, lead: `${element.expression},`, comment: element.comment }];
    if (Array.isArray(item)) return [{ indent, lead: '[' }, ...itemLines(item, at, indent + 2, values), { indent, lead: '],' }];
    const inner = Object.entries(item as Record<string, JsonValue>).flatMap(([key, field]) => attributeLines(key, field, `${at}.${key}`, indent + 2, values));
    return [{ indent, lead: '{' }, ...inner, { indent, lead: '},' }];
  });
}

/** A value on one line (a reference with its comment, a scalar, or a list of these without comments), or undefined. */
function inline(value: JsonValue, path: string, values: Values): { expression: string; comment?: string } | undefined {
  const reference = values.references.get(path);
  if (reference) return referenceExpression(reference);
  const named = values.names.get(path);
  if (named) return { expression: `${named.resourceType}.${named.identifier}.name` };
  if (Array.isArray(value)) {
    const items = value.map((item, index) => inline(item, `${path}[${index}]`, values));
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
