import type { ApplianceClient, ApplianceObject, CommitCoordinator } from '../client';
import type { CollectionSpec } from '../model';

type Named = { name?: unknown };

/**
 * What ConfigureProvider sets up and every resource and data source shares: one appliance client
 * (one session) and one commit coordinator per provider process, and what this process learned
 * from the appliance (objects by name, referenced keys that exist), so each is asked once.
 */
export class ProviderRuntime {
  private connection: { client: ApplianceClient; coordinator: CommitCoordinator } | undefined;
  private readonly nameIndexes = new Map<string, Promise<Map<string, ApplianceObject<Named>[]>>>();
  /** Names that creates of this process are writing right now, so that two creates of one name cannot both pass the check. */
  private readonly claimedNames = new Set<string>();
  private readonly existingKeys = new Map<string, Promise<boolean>>();
  private connectionVerified: Promise<void> | undefined;
  /** Creates and updates planned in this process and not submitted yet (an apply plans each change right before applying it). */
  private changesPlanned = 0;

  connect(client: ApplianceClient, coordinator: CommitCoordinator): void {
    this.connection = { client, coordinator };
  }

  get client(): ApplianceClient {
    return this.configured().client;
  }

  get coordinator(): CommitCoordinator {
    return this.configured().coordinator;
  }

  /** A create or update was planned; its apply will follow in this process if this is an apply run. */
  notePlannedChange(): void {
    this.changesPlanned++;
  }

  /** A planned change reached the coordinator (or its plan failed). */
  notePlannedChangeDone(): void {
    this.changesPlanned = Math.max(0, this.changesPlanned - 1);
  }

  /** How many planned changes have not reached the coordinator yet (see CommitCoordinatorOptions.changesOnTheirWay). */
  get changesOnTheirWay(): number {
    return this.changesPlanned;
  }

  /**
   * Logs in once per process if nothing has yet, so that wrong credentials or TLS settings show in
   * the pull request's plan, not after the merge. Reuses the session a refresh already opened.
   */
  verifyConnection(): Promise<void> {
    this.connectionVerified ??= this.client.sessionGeneration().then(() => undefined);
    this.connectionVerified.catch(() => (this.connectionVerified = undefined));
    return this.connectionVerified;
  }

  /**
   * Objects of a collection by name, loaded once per process (one list, then one GET per object,
   * because the appliance lists only keys) and kept current with this process's own changes.
   */
  async findByName<Body extends Named>(spec: CollectionSpec<Body>, name: string): Promise<ApplianceObject<Body>[]> {
    return ((await this.nameIndex(spec)).get(name) ?? []) as ApplianceObject<Body>[];
  }

  /**
   * Claims `name` for a create inside its transaction: the objects that already have it, or
   * `'claimed'` when another create of this process holds it, or nothing (then the name is held
   * until `release`, which follows the commit or the failure).
   */
  async claimName<Body extends Named>(spec: CollectionSpec<Body>, name: string): Promise<{ existing: ApplianceObject<Body>[]; claimed: boolean; release: () => void }> {
    const index = await this.nameIndex(spec);
    const id = `${spec.path}\n${name}`;
    const existing = (index.get(name) ?? []) as ApplianceObject<Body>[];
    if (existing.length > 0 || this.claimedNames.has(id)) return { existing, claimed: this.claimedNames.has(id), release: () => undefined };
    this.claimedNames.add(id);
    return { existing: [], claimed: false, release: () => this.claimedNames.delete(id) };
  }

  /** Keeps the name index current after this process committed a create, an update or a delete; never fails (it only maintains a cache). */
  async recordCommitted<Body extends Named>(spec: CollectionSpec<Body>, key: string, body: Body | null): Promise<void> {
    const index = await this.nameIndexes.get(spec.path)?.catch(() => undefined);
    if (!index) return;
    for (const [name, objects] of index) {
      const others = objects.filter((object) => object.key !== key);
      if (others.length === 0) index.delete(name);
      else index.set(name, others);
    }
    if (body && typeof body.name === 'string') index.set(body.name, [...(index.get(body.name) ?? []), { key, body, readOnly: {}, raw: {} }]);
  }

  /** Whether an object exists, asked once per process (objects already loaded by name count). */
  async exists(spec: CollectionSpec<Named>, key: string): Promise<boolean> {
    return rememberUnlessFailed(this.existingKeys, `${spec.path}/${key}`, () => this.lookUp(spec, key));
  }

  async close(): Promise<void> {
    if (!this.connection) return;
    const { client, coordinator } = this.connection;
    this.connection = undefined;
    await coordinator.idle();
    await client.close();
  }

  private async lookUp(spec: CollectionSpec<Named>, key: string): Promise<boolean> {
    const loaded = this.nameIndexes.get(spec.path);
    if (loaded && [...(await loaded).values()].some((objects) => objects.some((object) => object.key === key))) return true;
    return (await this.client.get(spec, key)) !== null;
  }

  private nameIndex(spec: CollectionSpec<Named>): Promise<Map<string, ApplianceObject<Named>[]>> {
    return rememberUnlessFailed(this.nameIndexes, spec.path, () => this.loadNameIndex(spec));
  }

  private async loadNameIndex(spec: CollectionSpec<Named>): Promise<Map<string, ApplianceObject<Named>[]>> {
    const keys = await this.client.list(spec);
    const objects = await Promise.all(keys.map((key) => this.client.get(spec, key)));
    const index = new Map<string, ApplianceObject<Named>[]>();
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

/** The answer kept under `id` for the rest of the process; a failed one is forgotten, so the next call asks again. */
function rememberUnlessFailed<T>(answers: Map<string, Promise<T>>, id: string, ask: () => Promise<T>): Promise<T> {
  let answer = answers.get(id);
  if (!answer) {
    answer = ask();
    answers.set(id, answer);
    answer.catch(() => answers.delete(id));
  }
  return answer;
}
