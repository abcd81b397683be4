import type { ApplianceClient, ApplianceObject, CommitCoordinator } from '../client';
import type { CollectionSpec } from '../model';

/**
 * What ConfigureProvider sets up and every resource and data source shares: one appliance client
 * (one session) and one commit coordinator per provider process.
 */
export class ProviderRuntime {
  private connection: { client: ApplianceClient; coordinator: CommitCoordinator } | undefined;
  private readonly nameIndexes = new Map<string, Promise<Map<string, ApplianceObject<{ name?: unknown }>[]>>>();

  connect(client: ApplianceClient, coordinator: CommitCoordinator): void {
    this.connection = { client, coordinator };
  }

  get client(): ApplianceClient {
    return this.configured().client;
  }

  get coordinator(): CommitCoordinator {
    return this.configured().coordinator;
  }

  /**
   * Objects of a collection by name, loaded once per process and shared by every lookup of that
   * kind, because the appliance lists only keys and each name costs a request.
   */
  async findByName<Body extends { name?: unknown }>(spec: CollectionSpec<Body>, name: string): Promise<ApplianceObject<Body>[]> {
    let index = this.nameIndexes.get(spec.path);
    if (!index) {
      index = this.loadNameIndex(spec);
      this.nameIndexes.set(spec.path, index);
      index.catch(() => this.nameIndexes.delete(spec.path));
    }
    return ((await index).get(name) ?? []) as ApplianceObject<Body>[];
  }

  async close(): Promise<void> {
    if (!this.connection) return;
    const { client, coordinator } = this.connection;
    this.connection = undefined;
    await coordinator.idle();
    await client.close();
  }

  private async loadNameIndex(spec: CollectionSpec<{ name?: unknown }>): Promise<Map<string, ApplianceObject<{ name?: unknown }>[]>> {
    const keys = await this.client.list(spec);
    const objects = await Promise.all(keys.map((key) => this.client.get(spec, key)));
    const index = new Map<string, ApplianceObject<{ name?: unknown }>[]>();
    for (const object of objects) {
      if (!object || typeof object.body.name !== 'string') continue;
      index.set(object.body.name, [...(index.get(object.body.name) ?? []), object]);
    }
    return index;
  }

  private configured(): { client: ApplianceClient; coordinator: CommitCoordinator } {
    if (!this.connection) throw new Error('The sps provider is not configured yet (Terraform calls ConfigureProvider first).');
    return this.connection;
  }
}
