import type { FrameworkServer } from '../framework/server';
import type { ProviderServer } from '../server/protocol';
import { decodeObject, toProtoDiagnostics, withDiagnostics } from './convert';

export function configureProvider(framework: FrameworkServer): ProviderServer['ConfigureProvider'] {
  return (request, context) =>
    withDiagnostics(async () => {
      const config = decodeObject(framework.typeOf(framework.provider.schema), request.config) ?? {};
      return { diagnostics: toProtoDiagnostics(await framework.configureProvider(config, { ...context, terraformVersion: request.terraformVersion })) };
    });
}
