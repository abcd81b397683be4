import { DiagnosticsError, errorDiagnostic } from '../framework';
import type { FrameworkServer } from '../framework/server';
import type { ProviderServer } from '../server/protocol';
import { encodeDynamic, withDiagnostics } from './convert';

export function importResourceState(framework: FrameworkServer): ProviderServer['ImportResourceState'] {
  return (request, context) =>
    withDiagnostics(async () => {
      const resource = framework.resource(request.typeName);
      if (!resource.importState) throw new DiagnosticsError([errorDiagnostic('Import not supported', `${request.typeName} cannot be imported.`)]);
      const state = await resource.importState(request.id, context);
      return { importedResources: [{ typeName: request.typeName, state: encodeDynamic(framework.typeOf(resource.schema), state) }] };
    });
}
