import { decodeJson, decodeMsgpack, encodeMsgpack, typeToJson } from '../cty';
import type { CtyType, CtyValue } from '../cty/types';
import { logger } from '../log';
import type { ProviderHandlers, RpcContext } from '../server/handlers';
import { type Diagnostic, diagnosticsFrom, errorDiagnostic, toProtoAttributePath, toProtoDiagnostic } from './diagnostics';
import { planChange, replacementsBetween } from './plan';
import { type Attribute, isNested, type Schema, schemaType } from './schema';
import type { DataSource, ObjectValue, Provider, Resource } from './types';

/**
 * Turns a Provider definition into tfplugin6 RPC handlers: decoding DynamicValues with each
 * schema's type, calling the resource, and turning every failure into diagnostics, so that the
 * process never crashes on a request.
 */
export function providerHandlers(provider: Provider): ProviderHandlers {
  const resources = new Map(provider.resources.map((r) => [r.typeName, r]));
  const dataSources = new Map(provider.dataSources.map((d) => [d.typeName, d]));
  const types = new Map<Schema, CtyType>();
  const typeOf = (schema: Schema) => types.get(schema) ?? types.set(schema, schemaType(schema)).get(schema)!;

  const findResource = (typeName: string): Resource => {
    const resource = resources.get(typeName);
    if (!resource) throw new Error(`This provider has no resource type "${typeName}".`);
    return resource;
  };
  const findDataSource = (typeName: string): DataSource => {
    const dataSource = dataSources.get(typeName);
    if (!dataSource) throw new Error(`This provider has no data source "${typeName}".`);
    return dataSource;
  };

  const capabilities = { planDestroy: false, getProviderSchemaOptional: true, moveResourceState: false };

  return {
    GetMetadata: async () => ({
      serverCapabilities: capabilities,
      resources: provider.resources.map((r) => ({ typeName: r.typeName })),
      dataSources: provider.dataSources.map((d) => ({ typeName: d.typeName })),
    }),

    GetProviderSchema: async () => ({
      provider: schemaToProto(provider.schema),
      resourceSchemas: Object.fromEntries(provider.resources.map((r) => [r.typeName, schemaToProto(r.schema)])),
      dataSourceSchemas: Object.fromEntries(provider.dataSources.map((d) => [d.typeName, schemaToProto(d.schema)])),
      serverCapabilities: capabilities,
    }),

    ValidateProviderConfig: guarded(async (request) => {
      const config = decodeDynamic(typeOf(provider.schema), request.config) as ObjectValue;
      return { diagnostics: (provider.validateConfig?.(config) ?? []).map(toProtoDiagnostic) };
    }),

    ConfigureProvider: guarded(async (request, context) => {
      const config = decodeDynamic(typeOf(provider.schema), request.config) as ObjectValue;
      const diagnostics = (await provider.configure(config, { ...context, terraformVersion: request.terraformVersion ?? '' })) ?? [];
      return { diagnostics: diagnostics.map(toProtoDiagnostic) };
    }),

    ValidateResourceConfig: guarded(async (request) => {
      const resource = findResource(request.typeName);
      const config = decodeDynamic(typeOf(resource.schema), request.config) as ObjectValue;
      return { diagnostics: (resource.validateConfig?.(config) ?? []).map(toProtoDiagnostic) };
    }),

    ValidateDataResourceConfig: guarded(async (request) => {
      const dataSource = findDataSource(request.typeName);
      const config = decodeDynamic(typeOf(dataSource.schema), request.config) as ObjectValue;
      return { diagnostics: (dataSource.validateConfig?.(config) ?? []).map(toProtoDiagnostic) };
    }),

    UpgradeResourceState: guarded(async (request) => {
      const resource = findResource(request.typeName);
      const type = typeOf(resource.schema);
      const json = request.rawState?.json as Uint8Array | undefined;
      if (!json || json.length === 0) return { upgradedState: encodeDynamic(type, null) };
      const version = Number(request.version ?? 0);
      const current = resource.schema.version ?? 0;
      let state: CtyValue;
      if (version !== current && resource.upgradeState) {
        state = resource.upgradeState(version, JSON.parse(Buffer.from(json).toString('utf8')));
      } else {
        state = decodeStateJson(type, resource.schema, json);
      }
      return { upgradedState: encodeDynamic(type, state) };
    }),

    ReadResource: guarded(async (request, context) => {
      const resource = findResource(request.typeName);
      const type = typeOf(resource.schema);
      const state = decodeDynamic(type, request.currentState) as ObjectValue | null;
      if (state === null) return { newState: encodeDynamic(type, null), private: request.private };
      const newState = await resource.read({ state }, context);
      return { newState: encodeDynamic(type, newState), private: request.private };
    }),

    PlanResourceChange: guarded(async (request, context) => {
      const resource = findResource(request.typeName);
      const type = typeOf(resource.schema);
      const proposed = decodeDynamic(type, request.proposedNewState) as ObjectValue | null;
      if (proposed === null) return { plannedState: encodeDynamic(type, null), plannedPrivate: request.priorPrivate };
      const prior = decodeDynamic(type, request.priorState) as ObjectValue | null;
      const config = decodeDynamic(type, request.config) as ObjectValue;
      let { planned, requiresReplace } = planChange(resource.schema, prior, proposed, config);
      if (resource.modifyPlan) {
        planned = await resource.modifyPlan({ config, prior, planned }, context);
        requiresReplace = replacementsBetween(resource.schema, prior, planned);
      }
      return {
        plannedState: encodeDynamic(type, planned),
        requiresReplace: requiresReplace.map(toProtoAttributePath),
        plannedPrivate: request.priorPrivate,
      };
    }),

    ApplyResourceChange: async (request, context) => {
      const resource = findResource(request.typeName);
      const type = typeOf(resource.schema);
      const prior = decodeDynamic(type, request.priorState) as ObjectValue | null;
      const planned = decodeDynamic(type, request.plannedState) as ObjectValue | null;
      const config = decodeDynamic(type, request.config) as ObjectValue;
      try {
        let newState: ObjectValue | null;
        if (planned === null) {
          await resource.delete({ prior: prior! }, context);
          newState = null;
        } else if (prior === null) {
          newState = await resource.create({ planned, config }, context);
        } else {
          newState = await resource.update({ prior, planned, config }, context);
        }
        return { newState: encodeDynamic(type, newState), private: request.plannedPrivate };
      } catch (error) {
        // Nothing was committed (the coordinator guarantees it), so the prior state is still the truth.
        logger.error('apply failed', { resource: request.typeName, error: error instanceof Error ? error.message : String(error) });
        return { newState: encodeDynamic(type, prior), diagnostics: diagnosticsFrom(error).map(toProtoDiagnostic) };
      }
    },

    ImportResourceState: guarded(async (request, context) => {
      const resource = findResource(request.typeName);
      if (!resource.importState) throw new Error(`${request.typeName} cannot be imported.`);
      const state = await resource.importState(request.id, context);
      return { importedResources: [{ typeName: request.typeName, state: encodeDynamic(typeOf(resource.schema), state) }] };
    }),

    ReadDataSource: guarded(async (request, context) => {
      const dataSource = findDataSource(request.typeName);
      const type = typeOf(dataSource.schema);
      const config = decodeDynamic(type, request.config) as ObjectValue;
      return { state: encodeDynamic(type, await dataSource.read({ config }, context)) };
    }),

    StopProvider: async () => ({}),
  };

  /** Errors become diagnostics in the response; the transport never sees a throw. */
  function guarded(handler: (request: any, context: RpcContext) => Promise<Record<string, unknown>>) {
    return async (request: any, context: RpcContext) => {
      try {
        return await handler(request, context);
      } catch (error) {
        return { diagnostics: diagnosticsFrom(error).map(toProtoDiagnostic) };
      }
    };
  }
}

function decodeDynamic(type: CtyType, value: { msgpack?: Uint8Array; json?: Uint8Array } | null | undefined): CtyValue {
  if (value?.msgpack && value.msgpack.length > 0) return decodeMsgpack(type, value.msgpack);
  if (value?.json && value.json.length > 0) return decodeJson(type, value.json);
  return null;
}

function encodeDynamic(type: CtyType, value: CtyValue): { msgpack: Uint8Array } {
  return { msgpack: encodeMsgpack(type, value) };
}

/**
 * Stored state as JSON. Attributes that the current schema no longer has are dropped (and new
 * ones start null) rather than failing the refresh.
 */
function decodeStateJson(type: CtyType, schema: Schema, json: Uint8Array): CtyValue {
  try {
    return decodeJson(type, json);
  } catch {
    const raw = JSON.parse(Buffer.from(json).toString('utf8')) as Record<string, unknown>;
    const known = Object.fromEntries(Object.keys(schema.attributes).map((name) => [name, raw[name] ?? null]));
    return decodeJson(type, JSON.stringify(known));
  }
}

const NESTING = { single: 1, list: 2, set: 3, map: 4 } as const;
const MARKDOWN = 1;

function schemaToProto(schema: Schema): Record<string, unknown> {
  return {
    version: schema.version ?? 0,
    block: {
      version: schema.version ?? 0,
      description: schema.description,
      descriptionKind: MARKDOWN,
      attributes: attributesToProto(schema.attributes),
    },
  };
}

function attributesToProto(attributes: Readonly<Record<string, Attribute>>): Record<string, unknown>[] {
  return Object.entries(attributes).map(([name, attribute]) => ({
    name,
    ...(isNested(attribute)
      ? { nestedType: { attributes: attributesToProto(attribute.nested.attributes), nesting: NESTING[attribute.nested.mode] } }
      : { type: Buffer.from(JSON.stringify(typeToJson(attribute.type))) }),
    description: attribute.description,
    descriptionKind: MARKDOWN,
    required: attribute.required ?? false,
    optional: attribute.optional ?? false,
    computed: attribute.computed ?? false,
    sensitive: attribute.sensitive ?? false,
    deprecated: attribute.deprecated !== undefined,
  }));
}

