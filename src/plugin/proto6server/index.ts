/**
 * A Provider definition served over plugin protocol 6: one thin adapter per RPC (proto → framework
 * → proto), like terraform-plugin-framework's internal/proto6server/server_*.go.
 */
import type { Provider } from '../framework/contract';
import { FrameworkServer } from '../framework/server';
import type { ProviderServer } from '../server/protocol';
import { applyResourceChange } from './server-apply-resource-change';
import { configureProvider } from './server-configure-provider';
import { getFunctions } from './server-get-functions';
import { getMetadata } from './server-get-metadata';
import { getProviderSchema } from './server-get-provider-schema';
import { importResourceState } from './server-import-resource-state';
import { planResourceChange } from './server-plan-resource-change';
import { readDataSource } from './server-read-data-source';
import { readResource } from './server-read-resource';
import { stopProvider } from './server-stop-provider';
import { upgradeResourceState } from './server-upgrade-resource-state';
import { validateDataResourceConfig } from './server-validate-data-resource-config';
import { validateProviderConfig } from './server-validate-provider-config';
import { validateResourceConfig } from './server-validate-resource-config';

export function proto6Server(provider: Provider): ProviderServer {
  const framework = new FrameworkServer(provider);
  return {
    GetMetadata: getMetadata(framework),
    GetProviderSchema: getProviderSchema(framework),
    ValidateProviderConfig: validateProviderConfig(framework),
    ConfigureProvider: configureProvider(framework),
    StopProvider: stopProvider(),
    ValidateResourceConfig: validateResourceConfig(framework),
    UpgradeResourceState: upgradeResourceState(framework),
    ReadResource: readResource(framework),
    PlanResourceChange: planResourceChange(framework),
    ApplyResourceChange: applyResourceChange(framework),
    ImportResourceState: importResourceState(framework),
    ValidateDataResourceConfig: validateDataResourceConfig(framework),
    ReadDataSource: readDataSource(framework),
    GetFunctions: getFunctions(),
  };
}
