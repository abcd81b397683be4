import type { CollectionSpec } from '../model';
import {
  type ApplianceClient,
  type ApplianceObject,
  type CollectionRef,
  collectionPath,
  type CreatedObject,
  type RequestScope,
  specOf,
} from './appliance-client';
import { AmbiguousCreateError, ApplianceError, ChangeCancelledError } from './errors';
import { canonicalJson, diffValues, lostUpdateError } from './lost-update';

/** What the members of one transaction share. */
export class TransactionState {
  /** Paths of objects created in this transaction, so a lost create answer is matched only against strangers. */
  readonly createdPaths = new Set<string>();
  /**
   * The last write to each object path: the body it should have after the commit, or null for a
   * delete. Lets the coordinator check whether a commit whose answer was lost went through.
   */
  readonly expectedAfterCommit = new Map<string, { readonly collection: CollectionRef; readonly key: string; readonly body: unknown | null }>();

  record(collection: CollectionRef, key: string, body: unknown | null): void {
    this.expectedAfterCommit.set(`${collectionPath(collection)}/${key}`, { collection, key, body });
  }
}

/** Options of the lost-update check. */
export interface UnchangedOptions<Body> {
  /**
   * Maps a body to what matters for the comparison (default: the body as the model schema parses
   * it). E.g. sort a list the provider treats as a set.
   */
  readonly normalize?: (body: Body) => unknown;
}

/**
 * The handle a change receives from CommitCoordinator.submit: reads see the transaction's own
 * uncommitted changes, writes go into the transaction. Every request is tied to the session that
 * opened the transaction (see RequestScope).
 */
export class TransactionScope {
  /**
   * Writes that reached (or may have reached) the appliance. A change that fails after writing
   * something cannot simply be dropped from the transaction, so the coordinator rolls back and
   * re-runs the others without it.
   */
  writes = 0;

  constructor(
    private readonly client: ApplianceClient,
    private readonly scope: RequestScope,
    private readonly state: TransactionState,
    /** Cancels the change before its first write; never aborts a request in flight (that would leave it ambiguous). */
    readonly cancelSignal?: AbortSignal,
  ) {}

  list(collection: CollectionRef): Promise<string[]> {
    return this.client.list(collection, this.scope);
  }

  get<Body>(collection: CollectionRef<Body>, key: string): Promise<ApplianceObject<Body> | null> {
    return this.client.get(collection, key, this.scope);
  }

  findByName<Body extends { name?: unknown }>(collection: CollectionRef<Body>, name: string): Promise<ApplianceObject<Body> | null> {
    return this.client.findByName(collection, name, this.scope);
  }

  /**
   * Creates an object. If the answer is lost, the transaction's change list shows whether the
   * appliance created it (an unclaimed create in this collection with the same body): if not, the
   * create is sent again; if so, and the collection has read-only fields that only a create answer
   * reveals (an API client's secret), the orphan is deleted and the create repeated, all before
   * anything is committed.
   */
  async create<Body>(collection: CollectionRef<Body>, body: Body): Promise<CreatedObject> {
    const path = collectionPath(collection);
    for (let attempt = 1; ; attempt++) {
      try {
        const created = await this.write(() => this.client.create(collection, body, this.scope));
        this.state.createdPaths.add(`${path}/${created.key}`);
        this.state.record(collection, created.key, body);
        return created;
      } catch (error) {
        if (!(error instanceof AmbiguousCreateError) || attempt >= 3) throw error;
        const orphan = await this.findOrphanCreate(collection, body);
        if (orphan === 'several') throw error;
        if (orphan !== undefined) {
          const spec = specOf(collection);
          if (!spec?.readOnlyFields?.length) {
            this.state.createdPaths.add(`${path}/${orphan}`);
            this.state.record(collection, orphan, body);
            return { key: orphan, extras: {} };
          }
          await this.client.delete(collection, orphan, this.scope);
          this.state.createdPaths.add(`${path}/${orphan}`); // claimed, so the next lost answer is not matched to it
          this.state.record(collection, orphan, null);
        }
      }
    }
  }

  async replace<Body>(collection: CollectionRef<Body>, key: string, body: Body): Promise<void> {
    await this.write(() => this.client.replace(collection, key, body, this.scope));
    this.state.record(collection, key, body);
  }

  async delete(collection: CollectionRef, key: string): Promise<void> {
    await this.write(() => this.client.delete(collection, key, this.scope));
    this.state.record(collection, key, null);
  }

  /**
   * Lost-update protection: reads the object within the transaction and fails with
   * LostUpdateError if it differs from `prior` (the state Terraform planned from) or is gone.
   */
  async assertUnchanged<Body>(
    collection: CollectionSpec<Body>,
    key: string,
    prior: Body,
    operation: 'update' | 'delete',
    options: UnchangedOptions<Body> = {},
  ): Promise<ApplianceObject<Body>> {
    const current = await this.get(collection, key);
    if (!current) throw lostUpdateError(collection.kind, key, 'deleted', operation);
    const normalizedPrior = collection.schema.safeParse(prior);
    const priorBody = normalizedPrior.success ? normalizedPrior.data : prior;
    const normalize = options.normalize ?? ((b: Body) => b);
    const differences = diffValues(normalize(priorBody), normalize(current.body));
    if (differences.length > 0) throw lostUpdateError(collection.kind, key, differences, operation);
    return current;
  }

  /** Update with lost-update protection: compare with `prior`, then PUT `next`. */
  async replaceIfUnchanged<Body>(collection: CollectionSpec<Body>, key: string, prior: Body, next: Body, options?: UnchangedOptions<Body>): Promise<void> {
    await this.assertUnchanged(collection, key, prior, 'update', options);
    await this.replace(collection, key, next);
  }

  /** Delete with lost-update protection; an object already deleted by someone else is not an error for a delete. */
  async deleteIfUnchanged<Body>(collection: CollectionSpec<Body>, key: string, prior: Body, options?: UnchangedOptions<Body>): Promise<void> {
    const current = await this.get(collection, key);
    if (!current) return;
    await this.assertUnchanged(collection, key, prior, 'delete', options);
    await this.delete(collection, key);
  }

  /** Counts a write unless the appliance definitely refused it (4xx); checks cancellation before the first one. */
  private async write<T>(operation: () => Promise<T>): Promise<T> {
    if (this.writes === 0 && this.cancelSignal?.aborted) throw new ChangeCancelledError();
    try {
      const result = await operation();
      this.writes++;
      return result;
    } catch (error) {
      if (!(error instanceof ApplianceError && error.status < 500)) this.writes++;
      throw error;
    }
  }

  private async findOrphanCreate<Body>(collection: CollectionRef<Body>, body: Body): Promise<string | 'several' | undefined> {
    const path = collectionPath(collection);
    const spec = specOf(collection);
    const same = (value: unknown) => {
      if (!spec) return canonicalJson(value) === canonicalJson(body);
      const a = spec.schema.safeParse(value);
      const b = spec.schema.safeParse(body);
      return a.success && b.success && canonicalJson(a.data) === canonicalJson(b.data);
    };
    const matches = (await this.client.transactionChanges(this.scope)).filter(
      (change) =>
        change.type === 'create' &&
        change.path.startsWith(`${path}/`) &&
        !change.path.slice(path.length + 1).includes('/') &&
        !this.state.createdPaths.has(change.path) &&
        same(change.new_value),
    );
    if (matches.length > 1) return 'several';
    return matches.length === 1 ? decodeURIComponent(matches[0].path.slice(path.length + 1)) : undefined;
  }
}

/**
 * Whether every write recorded in `state` is visible in the committed configuration: the check
 * after a commit whose answer was lost. Commits are atomic, so all visible means committed.
 */
export async function changesAreCommitted(client: ApplianceClient, state: TransactionState): Promise<boolean> {
  for (const { collection, key, body } of state.expectedAfterCommit.values()) {
    const current = await client.get(collection, key);
    if (body === null ? current !== null : current === null || !sameBody(collection, body, current.body)) return false;
  }
  return true;
}

function sameBody(collection: CollectionRef, expected: unknown, actual: unknown): boolean {
  const spec = specOf(collection);
  const normalized = spec?.schema.safeParse(expected);
  return canonicalJson(normalized?.success ? normalized.data : expected) === canonicalJson(actual);
}
