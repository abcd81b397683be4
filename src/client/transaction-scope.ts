import type { CollectionSpec } from '../model';
import type { ApplianceClient, ApplianceObject, CreatedObject, LenientObject } from './appliance-client';
import { AmbiguousCreateError, ApplianceError, ChangeCancelledError, SpsClientError } from './errors';
import { canonicalJson, diffValues, lostUpdateError } from './lost-update';
import { overlayManagedFields, unmanagedFields, type UnmanagedFields, withUnmanagedFields } from './overlay';
import { collectionPath, objectPath } from './paths';
import { backoffDelayMs, sleep } from './retry-policy';
import type { Transaction } from './transaction';
import type { TransactionChange } from './wire-schemas';

/** Options of the lost-update check. */
export interface UnchangedOptions<Body> {
  /**
   * Maps a body to what matters for the comparison (default: the body as the model schema parses
   * it). E.g. sort a list the provider treats as a set.
   */
  readonly normalize?: (body: Body) => unknown;
  /**
   * For an update: what the object held besides its managed fields when it was last read (kept
   * with the Terraform state). The PUT sends them again; if the object holds others by then, the
   * check before the commit corrects the PUT. Absent: none known.
   */
  readonly unmanaged?: UnmanagedFields;
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

  /** The memo's answer if a change of this transaction has asked for it already (see Transaction.memoized). */
  memoized<T>(id: string): Promise<T> | undefined {
    return this.transaction.memoized(id);
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

  /**
   * Update with lost-update protection: the object must still be what `prior` says when `next`
   * replaces it (else LostUpdateError, and nothing is committed). The configuration lock, taken
   * when the transaction opened, keeps every other session out until the commit, and the
   * transaction's change list shows what each PUT replaced: so the PUT goes first, and the check
   * runs right before the commit, on one change list for every change of the group, instead of one
   * read per object (see checkedBeforeCommit).
   */
  async replaceIfUnchanged<Body>(collection: CollectionSpec<Body>, key: string, prior: Body, next: Body, options: UnchangedOptions<Body> = {}): Promise<void> {
    if (!this.checkedBeforeCommit()) {
      const current = await this.assertUnchanged(collection, key, prior, 'update', options);
      // The PUT replaces the whole object: keep what the model does not manage.
      await this.replaceRecorded(collection, key, overlayManagedFields(current.raw, current.body, next, collection.readOnlyFields) as Body, next);
      this.compareChangeListWith(collection, key, current);
      return;
    }
    try {
      await this.replaceRecorded(collection, key, withUnmanagedFields(next, options.unmanaged) as Body, next);
    } catch (error) {
      if (error instanceof ApplianceError && error.status === 404) throw lostUpdateError(collection.kind, key, 'deleted', 'update');
      throw error;
    }
    this.transaction.beforeCommit(async (changes) => {
      const replaced = this.replacedValue(changes, collection, key, 'update');
      compareWithPrior(collection, key, replaced, prior, 'update', options);
      const held = unmanagedFields(replaced.raw, replaced.body, collection.readOnlyFields);
      if (canonicalJson(held) === canonicalJson(options.unmanaged)) return;
      // Fields the model does not manage changed since they were read: send what the object holds now.
      await this.client.replace(collection, key, withUnmanagedFields(next, held) as Body, this.transaction.requestScope);
    });
  }

  /** Delete with lost-update protection (see replaceIfUnchanged); an object already deleted by someone else is not an error for a delete. */
  async deleteIfUnchanged<Body>(collection: CollectionSpec<Body>, key: string, prior: Body, options: UnchangedOptions<Body> = {}): Promise<void> {
    if (!this.checkedBeforeCommit()) {
      const current = await this.get(collection, key);
      if (!current) return;
      compareWithPrior(collection, key, current, prior, 'delete', options);
      await this.delete(collection, key);
      this.compareChangeListWith(collection, key, current);
      return;
    }
    await this.delete(collection, key);
    this.transaction.beforeCommit(async (changes) => {
      // No change: the DELETE found the object gone already.
      if (!changes.some((change) => change.path === changePath(collection, key))) return;
      compareWithPrior(collection, key, this.replacedValue(changes, collection, key, 'delete'), prior, 'delete', options);
    });
  }

  /**
   * Whether this update or delete is checked from the change list before the commit, or reads its
   * object first, as any client would. The change list is trusted once it has shown what a change
   * that read first replaced, exactly as read (ApplianceClient.changeListShowsOldValues); until
   * then the first such change of each transaction reads first and the others rely on its
   * comparison, which runs before theirs. Never worse than a read per object: a group of one
   * costs a read or a change list, and the change list of a transaction whose only such change
   * read first is not asked for.
   */
  private checkedBeforeCommit(): boolean {
    if (this.client.changeListShowsOldValues) return true;
    if (!this.client.changeListUntested) return false;
    return comparingChangeList.has(this.transaction);
  }

  private async replaceRecorded<Body>(collection: CollectionSpec<Body>, key: string, body: Body, next: Body): Promise<void> {
    await this.write(() => this.client.replace(collection, key, body, this.transaction.requestScope));
    this.transaction.recordWrite(collection, key, next);
  }

  /**
   * What this transaction's first change of the object replaced, as the change list tells: the
   * object as it was committed when the lock was already ours. Fails (and so stops the commit,
   * after which the coordinator applies each change of the group alone, reading first) when the
   * list does not tell it in the model's shape.
   */
  private replacedValue<Body>(changes: readonly TransactionChange[], collection: CollectionSpec<Body>, key: string, operation: 'update' | 'delete'): ApplianceObject<Body> {
    const change = changes.find((candidate) => candidate.path === changePath(collection, key));
    // A PUT to an object deleted meanwhile that created it instead: it was deleted.
    if (change?.type === 'create') throw lostUpdateError(collection.kind, key, 'deleted', operation);
    const replaced = change && this.client.changeListShowsOldValues ? replacedObject(collection, key, change) : undefined;
    if (!replaced) {
      this.client.noteChangeListOldValue(false);
      throw new SpsClientError(
        `the appliance's transaction change list does not show what the ${operation} of the ${collection.kind} with key ${key} replaced, so it could not be checked against the plan; nothing was committed`,
      );
    }
    return replaced;
  }

  /**
   * Before the commit of a change that read its object first, while the change list is untested:
   * whether the list shows that read as what the change replaced. Optional: it asks for the list
   * only along with the checks of changes that rely on it.
   */
  private compareChangeListWith<Body>(collection: CollectionSpec<Body>, key: string, current: ApplianceObject<Body>): void {
    if (!this.client.changeListUntested) return;
    comparingChangeList.add(this.transaction);
    this.transaction.beforeCommit(
      async (changes) => {
        const change = changes.find((candidate) => candidate.path === changePath(collection, key));
        const replaced = change ? replacedObject(collection, key, change) : undefined;
        const same = (a: ApplianceObject<Body>, b: ApplianceObject<Body>) =>
          canonicalJson(a.body) === canonicalJson(b.body) &&
          canonicalJson(unmanagedFields(a.raw, a.body, collection.readOnlyFields)) === canonicalJson(unmanagedFields(b.raw, b.body, collection.readOnlyFields));
        this.client.noteChangeListOldValue(replaced !== undefined && same(replaced, current));
      },
      { optional: true },
    );
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

/** Transactions in which a change that read first compares the change list with its read (see checkedBeforeCommit). */
const comparingChangeList = new WeakSet<Transaction>();

/** The change list's path of an object (as the appliance writes it: undecoded). */
function changePath(collection: CollectionSpec, key: string): string {
  return objectPath(collection, key);
}

/** The object a change replaced or deleted, parsed like a read; undefined when the change does not show it in the model's shape. */
function replacedObject<Body>(collection: CollectionSpec<Body>, key: string, change: TransactionChange): ApplianceObject<Body> | undefined {
  const raw = change.old_value;
  if ((change.type !== 'replace' && change.type !== 'delete') || raw === null || typeof raw !== 'object' || Array.isArray(raw)) return undefined;
  const parsed = collection.schema.safeParse(raw);
  if (!parsed.success) return undefined;
  const readOnly: Record<string, unknown> = {};
  for (const field of collection.readOnlyFields ?? []) if (field in raw) readOnly[field] = (raw as Record<string, unknown>)[field];
  return { key, body: parsed.data, readOnly, raw: raw as Record<string, unknown> };
}

/** Fails with LostUpdateError when the object read in the transaction is not what `prior` (the planned-from state) says. */
function compareWithPrior<Body>(collection: CollectionSpec<Body>, key: string, current: ApplianceObject<Body>, prior: Body, operation: 'update' | 'delete', options: UnchangedOptions<Body>): void {
  const normalizedPrior = collection.schema.safeParse(prior);
  const priorBody = normalizedPrior.success ? normalizedPrior.data : prior;
  const normalize = options.normalize ?? ((b: Body) => b);
  const differences = diffValues(normalize(priorBody), normalize(current.body));
  if (differences.length > 0) throw lostUpdateError(collection.kind, key, differences, operation);
}
