import type { FrameworkServer } from '../framework/server';
import type { ProviderServer } from '../server/protocol';
import { decodeObject, toProtoDiagnostics, withDiagnostics } from './convert';

export function validateProviderConfig(framework: FrameworkServer): ProviderServer['ValidateProviderConfig'] {
  const { provider } = framework;
  return (request) =>
    withDiagnostics(async () => {
      const config = decodeObject(framework.typeOf(provider.schema), request.config) ?? {};
      return { diagnostics: toProtoDiagnostics(provider.validateConfig?.(config) ?? []) };
    });
}
