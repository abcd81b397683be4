import type { FrameworkServer } from '../framework/server';
import type { ProviderServer } from '../server/protocol';
import { decodeObject, encodeDynamic, NO_BYTES, withDiagnostics } from './convert';

export function readResource(framework: FrameworkServer): ProviderServer['ReadResource'] {
  return (request, context) =>
    withDiagnostics(async () => {
      const resource = framework.resource(request.typeName);
      const type = framework.typeOf(resource.schema);
      const state = decodeObject(type, request.currentState);
      if (state === null) return { newState: encodeDynamic(type, null), private: request.private };
      const read = await resource.read({ state, private: request.private ?? NO_BYTES }, context);
      return { newState: encodeDynamic(type, read.state), private: read.private ?? request.private };
    });
}
