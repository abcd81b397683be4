import type { FrameworkServer } from '../framework/server';
import type { ProviderServer } from '../server/protocol';
import { decodeObject, encodeDynamic, NO_BYTES, toProtoDiagnostics, withDiagnostics } from './convert';

export function applyResourceChange(framework: FrameworkServer): ProviderServer['ApplyResourceChange'] {
  return (request, context) =>
    withDiagnostics(async () => {
      const resource = framework.resource(request.typeName);
      const type = framework.typeOf(resource.schema);
      const { state, diagnostics } = await framework.applyResourceChange(
        resource,
        {
          prior: decodeObject(type, request.priorState),
          planned: decodeObject(type, request.plannedState),
          config: decodeObject(type, request.config) ?? {},
          private: request.plannedPrivate ?? NO_BYTES,
        },
        context,
      );
      return { newState: encodeDynamic(type, state), private: request.plannedPrivate, diagnostics: toProtoDiagnostics(diagnostics) };
    });
}
