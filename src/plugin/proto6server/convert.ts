/**
 * Conversions between the protocol's messages and the framework's values, like
 * terraform-plugin-framework's internal/fromproto6 and toproto6: DynamicValues (cty msgpack or
 * JSON) with a schema's type, diagnostics, attribute paths and schemas.
 */
import { decodeJson, decodeMsgpack, encodeMsgpack, typeToJson } from '../cty';
import type { CtyType, CtyValue } from '../cty/types';
import { type Attribute, type AttributePathStep, type Diagnostic, diagnosticsFrom, isNested, type ObjectValue, type Schema } from '../framework';
import type { tfplugin6 } from '../server/protocol';

type DynamicValue = tfplugin6.DynamicValue.$Properties;

/** Private state when Terraform sends none. */
export const NO_BYTES = new Uint8Array(0);

function decodeDynamic(type: CtyType, value: DynamicValue | null | undefined): CtyValue {
  if (value?.msgpack && value.msgpack.length > 0) return decodeMsgpack(type, value.msgpack);
  if (value?.json && value.json.length > 0) return decodeJson(type, value.json);
  return null;
}

/** An object value (a resource's state, config or plan), or null. */
export function decodeObject(type: CtyType, value: DynamicValue | null | undefined): ObjectValue | null {
  return decodeDynamic(type, value) as ObjectValue | null;
}

export function encodeDynamic(type: CtyType, value: CtyValue): DynamicValue {
  return { msgpack: encodeMsgpack(type, value) };
}

const SEVERITY = { error: 1, warning: 2 } as const;

function toProtoDiagnostic(diagnostic: Diagnostic): tfplugin6.Diagnostic.$Properties {
  return {
    severity: SEVERITY[diagnostic.severity] as tfplugin6.Diagnostic.Severity,
    summary: diagnostic.summary,
    detail: diagnostic.detail ?? '',
    ...(diagnostic.path && diagnostic.path.length > 0 ? { attribute: toProtoAttributePath(diagnostic.path) } : {}),
  };
}

export function toProtoDiagnostics(diagnostics: readonly Diagnostic[]): tfplugin6.Diagnostic.$Properties[] {
  return diagnostics.map(toProtoDiagnostic);
}

/** Strings are attribute names, numbers list indexes (this provider's schemas have no maps of objects). */
export function toProtoAttributePath(path: readonly AttributePathStep[]): tfplugin6.AttributePath.$Properties {
  return { steps: path.map((step) => (typeof step === 'number' ? { elementKeyInt: step } : { attributeName: step })) };
}

/**
 * Runs an adapter's body; a thrown error becomes the response's diagnostics, so the transport
 * never sees a throw for what the provider can explain.
 */
export async function withDiagnostics<R>(body: () => Promise<R>): Promise<R | { diagnostics: tfplugin6.Diagnostic.$Properties[] }> {
  try {
    return await body();
  } catch (error) {
    return { diagnostics: toProtoDiagnostics(diagnosticsFrom(error)) };
  }
}

const NESTING = { single: 1, list: 2, set: 3, map: 4 } as const;
const MARKDOWN = 1 as tfplugin6.StringKind;

export function toProtoSchema(schema: Schema): tfplugin6.Schema.$Properties {
  const version = schema.version ?? 0;
  return { version, block: { version, description: schema.description, descriptionKind: MARKDOWN, attributes: toProtoAttributes(schema.attributes) } };
}

function toProtoAttributes(attributes: Readonly<Record<string, Attribute>>): tfplugin6.Schema.Attribute.$Properties[] {
  return Object.entries(attributes).map(([name, attribute]) => ({
    name,
    ...(isNested(attribute)
      ? { nestedType: { attributes: toProtoAttributes(attribute.nested.attributes), nesting: NESTING[attribute.nested.mode] as tfplugin6.Schema.Object.NestingMode } }
      : { type: Buffer.from(JSON.stringify(typeToJson(attribute.type))) }),
    description: attribute.description,
    descriptionKind: MARKDOWN,
    required: attribute.required ?? false,
    optional: attribute.optional ?? false,
    computed: attribute.computed ?? false,
    sensitive: attribute.sensitive ?? false,
    deprecated: attribute.deprecated !== undefined,
    writeOnly: attribute.writeOnly ?? false,
  }));
}
