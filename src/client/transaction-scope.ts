import type { CollectionSpec } from '../model';
import type { ApplianceClient, ApplianceObject, CreatedObject, LenientObject } from './appliance-client';
import { AmbiguousCreateError, ApplianceError, ChangeCancelledError } from './errors';
import { canonicalJson, diffValues, lostUpdateError } from './lost-update';
import { overlayManagedFields } from './overlay';
import { collectionPath } from './paths';
import { backoffDelayMs, sleep } from './retry-policy';
import type { Transaction } from './transaction';

/** Options of the lost-update check. */
export interface UnchangedOptions<Body> {
  /**
   * Maps a body to what matters for the comparison (default: the body as the model schema parses
   * it). E.g. sort a list the provider treats as a set.
   */
  readonly normalize?: (body: Body) => unknown;
}

/**
 * The handle a change receives from CommitCoordinator.submit, one per change: reads see the
 * transaction's own uncommitted changes, writes go into the transaction, and the Transaction
 * records each write so a lost commit answer can be checked.
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
    private readonly transaction: Transaction,
    /** Cancels the change before its first write; never aborts a request in flight (that would leave it ambiguous). */
    readonly cancelSignal?: AbortSignal,
  ) {}

  list(collection: CollectionSpec): Promise<string[]> {
    return this.client.list(collection, this.transaction.requestScope);
  }

  get<Body>(collection: CollectionSpec<Body>, key: string): Promise<ApplianceObject<Body> | null> {
    return this.client.get(collection, key, this.transaction.requestScope);
  }

  /** An object as the transaction sees it, whatever its shape (see ApplianceClient.getLenient). */
  getLenient<Body>(collection: CollectionSpec<Body>, key: string): Promise<LenientObject<Body> | null> {
    return this.client.getLenient(collection, key, this.transaction.requestScope);
  }

  /** Asked once for every change of this transaction (see Transaction.memo). */
  memo<T>(id: string, compute: () => Promise<T>): Promise<T> {
    return this.transaction.memo(id, compute);
  }

  /**
   * Creates an object. If the answer is lost, the transaction's change list shows whether the
   * appliance created it (an unclaimed create in this collection with the same body): if not, the
   * create is sent again; if so, and the collection has read-only fields that only a create answer
   * reveals (an API client's secret), the orphan is deleted and the create repeated, all before
   * anything is committed.
   */
  async create<Body>(collection: CollectionSpec<Body>, body: Body): Promise<CreatedObject> {
    const scope = this.transaction.requestScope;
    for (let attempt = 1; ; attempt++) {
      try {
        const created = await this.write(() => this.client.create(collection, body, scope));
        this.transaction.recordCreate(collection, created.key, body);
        return created;
      } catch (error) {
        // Once the change list proves the create did not happen, it is as safe to repeat as any
        // idempotent request, within the same budget.
        const retry = this.client.retryOptions;
        if (!(error instanceof AmbiguousCreateError) || attempt >= retry.maxAttempts) throw error;
        const orphan = await this.findOrphanCreate(collection, body);
        if (orphan === 'several') throw error;
        if (orphan !== undefined) {
          if (!collection.readOnlyFields?.length) {
            this.transaction.recordCreate(collection, orphan, body);
            return { key: orphan, extras: {} };
          }
          await this.client.delete(collection, orphan, scope);
          this.transaction.recordCreate(collection, orphan, null); // claimed, so the next lost answer is not matched to it
        }
        await sleep(backoffDelayMs(attempt, retry), this.cancelSignal);
      }
    }
  }

  async replace<Body>(collection: CollectionSpec<Body>, key: string, body: Body): Promise<void> {
    await this.write(() => this.client.replace(collection, key, body, this.transaction.requestScope));
    this.transaction.recordWrite(collection, key, body);
  }

  async delete(collection: CollectionSpec, key: string): Promise<void> {
    await this.write(() => this.client.delete(collection, key, this.transaction.requestScope));
    this.transaction.recordWrite(collection, key, null);
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
    compareWithPrior(collection, key, current, prior, operation, options);
    return current;
  }

  /** Update with lost-update protection: compare with `prior`, then PUT `next`. */
  async replaceIfUnchanged<Body>(collection: CollectionSpec<Body>, key: string, prior: Body, next: Body, options?: UnchangedOptions<Body>): Promise<void> {
    const current = await this.assertUnchanged(collection, key, prior, 'update', options);
    // The PUT replaces the whole object: keep what the model does not manage.
    const body = overlayManagedFields(current.raw, current.body, next, collection.readOnlyFields) as Body;
    await this.write(() => this.client.replace(collection, key, body, this.transaction.requestScope));
    this.transaction.recordWrite(collection, key, next);
  }

  /** Delete with lost-update protection; an object already deleted by someone else is not an error for a delete. */
  async deleteIfUnchanged<Body>(collection: CollectionSpec<Body>, key: string, prior: Body, options: UnchangedOptions<Body> = {}): Promise<void> {
    const current = await this.get(collection, key);
    if (!current) return;
    compareWithPrior(collection, key, current, prior, 'delete', options);
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

  private async findOrphanCreate<Body>(collection: CollectionSpec<Body>, body: Body): Promise<string | 'several' | undefined> {
    const path = collectionPath(collection);
    const same = (value: unknown) => {
      const a = collection.schema.safeParse(value);
      const b = collection.schema.safeParse(body);
      return a.success && b.success && canonicalJson(a.data) === canonicalJson(b.data);
    };
    const matches = (await this.client.transactionChanges(this.transaction.requestScope)).filter(
      (change) =>
        change.type === 'create' &&
        change.path.startsWith(`${path}/`) &&
        !change.path.slice(path.length + 1).includes('/') &&
        !this.transaction.createdHere(change.path) &&
        same(change.new_value),
    );
    if (matches.length > 1) return 'several';
    return matches.length === 1 ? decodeURIComponent(matches[0].path.slice(path.length + 1)) : undefined;
  }
}

/** Fails with LostUpdateError when the object read in the transaction is not what `prior` (the planned-from state) says. */
function compareWithPrior<Body>(collection: CollectionSpec<Body>, key: string, current: ApplianceObject<Body>, prior: Body, operation: 'update' | 'delete', options: UnchangedOptions<Body>): void {
  const normalizedPrior = collection.schema.safeParse(prior);
  const priorBody = normalizedPrior.success ? normalizedPrior.data : prior;
  const normalize = options.normalize ?? ((b: Body) => b);
  const differences = diffValues(normalize(priorBody), normalize(current.body));
  if (differences.length > 0) throw lostUpdateError(collection.kind, key, differences, operation);
}
