import type { ObjectValue } from '../framework/contract';
import type { FrameworkServer } from '../framework/server';
import type { ProviderServer } from '../server/protocol';
import { encodeDynamic, withDiagnostics } from './convert';

/** Called for every resource on every refresh, with the state as Terraform stored it (JSON). */
export function upgradeResourceState(framework: FrameworkServer): ProviderServer['UpgradeResourceState'] {
  return (request) =>
    withDiagnostics(async () => {
      const resource = framework.resource(request.typeName);
      const type = framework.typeOf(resource.schema);
      const json = request.rawState?.json;
      if (!json || json.length === 0) return { upgradedState: encodeDynamic(type, null) };
      const upgraded = framework.upgradeResourceState(resource, request.version, Buffer.from(json).toString('utf8'));
      if (upgraded !== null) resource.stateUpgraded?.(upgraded as ObjectValue);
      return { upgradedState: encodeDynamic(type, upgraded) };
    });
}
