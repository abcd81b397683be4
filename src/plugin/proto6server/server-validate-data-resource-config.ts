import type { FrameworkServer } from '../framework/server';
import type { ProviderServer } from '../server/protocol';
import { decodeObject, toProtoDiagnostics, withDiagnostics } from './convert';

export function validateDataResourceConfig(framework: FrameworkServer): ProviderServer['ValidateDataResourceConfig'] {
  return (request) =>
    withDiagnostics(async () => {
      const dataSource = framework.dataSource(request.typeName);
      const config = decodeObject(framework.typeOf(dataSource.schema), request.config) ?? {};
      return { diagnostics: toProtoDiagnostics(dataSource.validateConfig?.(config) ?? []) };
    });
}
