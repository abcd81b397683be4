import type { Logger } from '../client';
import type { Provider } from '../plugin/framework';
import { logger } from '../plugin/log';
import { PACKAGE_VERSION } from '../version';
import { dataSources } from './data-sources';
import { providerSchema, resolveProviderConfig, validateProviderConfig } from './provider-config';
import { resources } from './resources';
import { ProviderRuntime } from './runtime';

/** The `sps` provider: its configuration, resources and data sources, sharing one runtime. */
export function createProvider(): Provider {
  const runtime = new ProviderRuntime();
  return {
    typeName: 'sps',
    schema: providerSchema,
    resources: resources(runtime),
    dataSources: dataSources(runtime),

    validateConfig: validateProviderConfig,

    async configure(config, context) {
      const { settings, diagnostics } = resolveProviderConfig(config);
      if (!settings) return diagnostics;
      // Loaded here, not at start-up: validation-only provider processes never talk to the appliance.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { ApplianceClient, CommitCoordinator } = require('../client') as typeof import('../client');
      const clientLogger: Logger = logger;
      // Login is lazy: plans that touch no SPS object never open a session.
      const client = new ApplianceClient({ ...settings.client, userAgent: `terraform-provider-sps/${PACKAGE_VERSION}`, logger: clientLogger, stopSignal: context.stopped });
      const coordinator = new CommitCoordinator(client, {
        commitMessage: settings.commitMessage,
        lockTimeoutMs: settings.lockTimeoutMs,
        // The configure call's own signal ends with the call; the coordinator outlives it.
        signal: context.stopped,
        logger: clientLogger,
        plannedChanges: runtime.plannedChanges,
      });
      runtime.connect(client, coordinator);
      // Warnings (e.g. insecure = true) are shown on every plan and apply.
      return diagnostics;
    },

    async shutdown() {
      await runtime.close();
    },
  };
}
