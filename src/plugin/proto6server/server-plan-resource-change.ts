import type { FrameworkServer } from '../framework/server';
import type { ProviderServer } from '../server/protocol';
import { decodeObject, encodeDynamic, toProtoAttributePath, toProtoDiagnostics, withDiagnostics } from './convert';

export function planResourceChange(framework: FrameworkServer): ProviderServer['PlanResourceChange'] {
  return (request, context) =>
    withDiagnostics(async () => {
      const resource = framework.resource(request.typeName);
      const type = framework.typeOf(resource.schema);
      const proposed = decodeObject(type, request.proposedNewState);
      // A destroy: nothing to plan beyond Terraform's proposal.
      if (proposed === null) return { plannedState: encodeDynamic(type, null), plannedPrivate: request.priorPrivate };
      const prior = decodeObject(type, request.priorState);
      const config = decodeObject(type, request.config) ?? {};
      const { planned, requiresReplace, diagnostics } = await framework.planResourceChange(resource, { prior, proposed, config }, context);
      return {
        plannedState: encodeDynamic(type, planned),
        requiresReplace: requiresReplace.map(toProtoAttributePath),
        plannedPrivate: request.priorPrivate,
        diagnostics: toProtoDiagnostics(diagnostics ?? []),
      };
    });
}
