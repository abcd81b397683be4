import type { FrameworkServer } from '../framework/server';
import type { ProviderServer } from '../server/protocol';
import { decodeObject, encodeDynamic, withDiagnostics } from './convert';

export function readDataSource(framework: FrameworkServer): ProviderServer['ReadDataSource'] {
  return (request, context) =>
    withDiagnostics(async () => {
      const dataSource = framework.dataSource(request.typeName);
      const type = framework.typeOf(dataSource.schema);
      const config = decodeObject(type, request.config) ?? {};
      return { state: encodeDynamic(type, await dataSource.read({ config }, context)) };
    });
}
