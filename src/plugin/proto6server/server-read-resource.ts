import type { FrameworkServer } from '../framework/server';
import type { ProviderServer } from '../server/protocol';
import { decodeObject, encodeDynamic, withDiagnostics } from './convert';

export function readResource(framework: FrameworkServer): ProviderServer['ReadResource'] {
  return (request, context) =>
    withDiagnostics(async () => {
      const resource = framework.resource(request.typeName);
      const type = framework.typeOf(resource.schema);
      const state = decodeObject(type, request.currentState);
      const newState = state === null ? null : await resource.read({ state }, context);
      return { newState: encodeDynamic(type, newState), private: request.private };
    });
}
