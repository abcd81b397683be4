import type { Logger } from '../client';
import { type Diagnostic, errorDiagnostic, type Provider } from '../plugin/framework';
import { logger } from '../plugin/log';
import { dataSources } from './data-sources';
import { parseDuration, providerSchema, resolveSettings } from './provider-config';
import { apiClientResource } from './resources/api-client';
import { httpConnectionPolicyResource } from './resources/http-connection-policy';
import { userListResource } from './resources/user-list';
import { ProviderRuntime } from './runtime';

/** The `sps` provider: its configuration, resources and data sources, sharing one runtime. */
export function createProvider(): Provider {
  const runtime = new ProviderRuntime();
  return {
    typeName: 'sps',
    schema: providerSchema,
    resources: [userListResource(runtime), httpConnectionPolicyResource(runtime), apiClientResource(runtime)],
    dataSources: dataSources(runtime),

    validateConfig(config): Diagnostic[] {
      if (typeof config.lock_timeout !== 'string') return [];
      try {
        parseDuration(config.lock_timeout, 'lock_timeout');
        return [];
      } catch (error) {
        return [errorDiagnostic('Invalid lock_timeout', (error as Error).message, ['lock_timeout'])];
      }
    },

    async configure(config, context) {
      // Loaded here, not at start-up: validation-only provider processes never talk to the appliance.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { ApplianceClient, clientSettingsFrom, CommitCoordinator } = require('../client') as typeof import('../client');
      let settings;
      let connection;
      try {
        settings = resolveSettings(config);
        connection = clientSettingsFrom(settings);
      } catch (error) {
        return [errorDiagnostic('Invalid sps provider configuration', (error as Error).message)];
      }
      const clientLogger: Logger = logger;
      // Login is lazy: plans that touch no SPS object never open a session.
      const client = new ApplianceClient({ ...connection, logger: clientLogger });
      const coordinator = new CommitCoordinator(client, {
        commitMessage: settings.commit_message,
        lockTimeoutMs: settings.lockTimeoutMs,
        signal: context.signal,
        logger: clientLogger,
      });
      runtime.connect(client, coordinator);
      return [];
    },

    async shutdown() {
      await runtime.close();
    },
  };
}
