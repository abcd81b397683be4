import type { FrameworkServer } from '../framework/server';
import type { ProviderServer } from '../server/protocol';
import { SERVER_CAPABILITIES } from './server-get-provider-schema';

export function getMetadata(framework: FrameworkServer): ProviderServer['GetMetadata'] {
  return async () => ({
    serverCapabilities: SERVER_CAPABILITIES,
    resources: framework.provider.resources.map((resource) => ({ typeName: resource.typeName })),
    dataSources: framework.provider.dataSources.map((dataSource) => ({ typeName: dataSource.typeName })),
  });
}
