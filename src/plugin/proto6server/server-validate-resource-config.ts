import type { FrameworkServer } from '../framework/server';
import type { ProviderServer } from '../server/protocol';
import { decodeObject, toProtoDiagnostics, withDiagnostics } from './convert';

export function validateResourceConfig(framework: FrameworkServer): ProviderServer['ValidateResourceConfig'] {
  return (request) =>
    withDiagnostics(async () => {
      const resource = framework.resource(request.typeName);
      const config = decodeObject(framework.typeOf(resource.schema), request.config) ?? {};
      const writeOnlyAllowed = request.clientCapabilities?.writeOnlyAttributesAllowed === true;
      return { diagnostics: toProtoDiagnostics(framework.validateResourceConfig(resource, config, writeOnlyAllowed)) };
    });
}
