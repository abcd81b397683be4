import type { FrameworkServer } from '../framework/server';
import type { ProviderServer, tfplugin6 } from '../server/protocol';
import { toProtoSchema } from './convert';

export const SERVER_CAPABILITIES: tfplugin6.ServerCapabilities.$Properties = { planDestroy: false, getProviderSchemaOptional: true, moveResourceState: false };

export function getProviderSchema(framework: FrameworkServer): ProviderServer['GetProviderSchema'] {
  const { provider } = framework;
  return async () => ({
    provider: toProtoSchema(provider.schema),
    resourceSchemas: Object.fromEntries(provider.resources.map((resource) => [resource.typeName, toProtoSchema(resource.schema)])),
    dataSourceSchemas: Object.fromEntries(provider.dataSources.map((dataSource) => [dataSource.typeName, toProtoSchema(dataSource.schema)])),
    serverCapabilities: SERVER_CAPABILITIES,
  });
}
