import type { ApplianceClient, TransactionScope } from '../client';
import { isBuiltinKey, isObjectKey, type Kind, kindWithArticle } from '../model';
import { type Diagnostic, errorDiagnostic } from '../plugin/framework';
import { logger } from '../plugin/log';

/**
 * Names identify objects (lookups and the web UI go by name), but the appliance does not keep
 * them unique. The provider does, for every write: at plan, against the appliance as this
 * process has read it, and again inside the transaction, under the configuration lock, against
 * the appliance as it is then, so that two pipelines creating the same name cannot both succeed.
 *
 * The appliance lists keys only, so this process reads each object's name once (one GET per
 * object) and keeps it current with its own reads and commits; inside a transaction it lists the
 * keys again and reads only the objects it has not seen, i.e. those others created since.
 */
export class NameRegistry {
  /** Committed names per collection: key → name. */
  private readonly committed = new Map<string, Promise<Map<string, string>>>();
  /** Names that creates and renames planned in this process will take, so that two of them cannot plan the same one. */
  private readonly planned = new Map<string, Set<string>>();
  /** Objects planned from their state in this process, with their names: a replacement re-creates its own name. */
  private readonly plannedFrom = new Map<string, Map<string, string>>();

  constructor(private readonly client: () => ApplianceClient) {}

  /**
   * The plan-time check of a create (`ownKey` null) or an update that sets `name`: a diagnostic
   * when the name is taken on the appliance or by another change planned in this process.
   */
  async checkAtPlan(kind: Kind, typeName: string, change: { name: string; ownKey: string | null; priorName: string | null }): Promise<Diagnostic | undefined> {
    const { name, ownKey, priorName } = change;
    if (ownKey !== null) {
      this.noteState(kind, ownKey, priorName);
      if (priorName === name) return undefined;
    }
    const replaced = this.plannedFrom.get(kind.path);
    const holders = [...(await this.committedNames(kind))]
      .filter(([key, held]) => held === name && key !== ownKey && !(ownKey === null && replaced?.get(key) === name))
      .map(([key]) => key);
    if (holders.length > 0) return takenDiagnostic(kind, typeName, name, holders, ownKey);
    const planned = this.planned.get(kind.path) ?? new Set<string>();
    this.planned.set(kind.path, planned);
    if (planned.has(name)) return plannedTwiceDiagnostic(kind, name);
    planned.add(name);
    return undefined;
  }

  /**
   * Inside the change's transaction: the keys of other objects that have `name` now. Lists the
   * collection once per transaction (seeing the transaction's own writes) and reads the objects
   * this process has not seen.
   */
  async holdersInTransaction(tx: TransactionScope, kind: Kind, name: string, ownKey: string | null): Promise<string[]> {
    const names = await this.transactionNames(tx, kind);
    return [...names].filter(([key, held]) => held === name && key !== ownKey).map(([key]) => key);
  }

  /** A write of the transaction, so that later changes of the same transaction see it. */
  async noteWrite(tx: TransactionScope, kind: Kind, key: string, name: string | null): Promise<void> {
    const names = await this.transactionNames(tx, kind);
    if (name === null) names.delete(key);
    else names.set(key, name);
  }

  /** What this process learned of an object's name (a read, or its own commit); null: it is gone. */
  learn(kind: Kind, key: string, name: string | null): void {
    const loading = this.committed.get(kind.path);
    if (!loading) return;
    void loading.then(
      (names) => (name === null ? names.delete(key) : names.set(key, name)),
      () => undefined,
    );
  }

  /** The keys that have `name`, committed (for lookups by name). */
  async keysNamed(kind: Kind, name: string): Promise<string[]> {
    return [...(await this.committedNames(kind))].filter(([, held]) => held === name).map(([key]) => key);
  }

  private noteState(kind: Kind, key: string, name: string | null): void {
    if (name === null) return;
    const known = this.plannedFrom.get(kind.path) ?? new Map<string, string>();
    this.plannedFrom.set(kind.path, known);
    known.set(key, name);
  }

  private committedNames(kind: Kind): Promise<Map<string, string>> {
    let names = this.committed.get(kind.path);
    if (!names) {
      names = this.readNames(kind, (k) => this.client().list(k), (k, key) => this.client().getLenient(k, key), new Map());
      this.committed.set(kind.path, names);
      names.catch(() => this.committed.delete(kind.path));
    }
    return names;
  }

  private transactionNames(tx: TransactionScope, kind: Kind): Promise<Map<string, string>> {
    return tx.memo(`names of ${kind.path}`, async () => {
      const known = await this.committedNames(kind);
      return this.readNames(kind, (k) => tx.list(k), (k, key) => tx.getLenient(k, key), known);
    });
  }

  /** key → name of every object of the collection, reading only the objects `known` lacks. */
  private async readNames(
    kind: Kind,
    list: (kind: Kind) => Promise<string[]>,
    get: (kind: Kind, key: string) => Promise<{ raw: Readonly<Record<string, unknown>> } | null>,
    known: ReadonlyMap<string, string>,
  ): Promise<Map<string, string>> {
    const keys = await list(kind);
    const names = new Map<string, string>();
    await Promise.all(
      keys.map(async (key) => {
        if (!isObjectKey(key)) {
          // Never build a request path from something that is not a key.
          logger.warn(`skipped an entry of ${kind.path} whose key is not a valid key`, { key: key.slice(0, 60) });
          return;
        }
        const name = known.get(key) ?? (await get(kind, key))?.raw.name;
        if (typeof name === 'string') names.set(key, name);
      }),
    );
    return names;
  }
}

/** The name is taken: for a create, the import block that adopts the object; for a rename, what to do. */
export function takenDiagnostic(kind: Kind, typeName: string, name: string, keys: readonly string[], ownKey: string | null): Diagnostic {
  const title = `${kind.kind[0].toUpperCase()}${kind.kind.slice(1)} "${name}"`;
  const holders = `${keys.length === 1 ? kindWithArticle(kind.kind) : `${keys.length} ${kind.plural}`} named "${name}" (key${keys.length === 1 ? '' : 's'} ${keys.map((k) => `"${k}"`).join(', ')})`;
  const unique = 'Names identify objects on the appliance (lookups, channel policies and the web UI go by name), so the provider keeps them unique.';
  if (ownKey !== null) {
    return errorDiagnostic(`${title}: the name is taken`, `The appliance already has ${holders}. ${unique} Nothing was written. Choose another name, or rename that object first.`, ['name']);
  }
  const key = keys[0];
  const adopt = isBuiltinKey(key)
    ? 'It is one of the appliance\'s built-in objects, which cannot be managed: choose another name, and reference the built-in through its data source.'
    : 'Perhaps an earlier run created it and its state was lost, or it was made by hand: adopt it with an import block instead of creating a second one ' +
      `(the resource's address is shown above):\n\nimport {\n  to = ${typeName}.<name>\n  id = "${key}"\n}\n\nIn CDKTF: <construct>.resource.importFrom("${key}"). Or choose another name.\n\n` +
      'If this resource replaces that very object with create_before_destroy, the old object still holds the name when the new one is created: remove create_before_destroy from this resource, so that Terraform deletes the old object first.';
  return errorDiagnostic(`${title} already exists`, `The appliance already has ${holders}. ${unique} Nothing was written. ${adopt}`, ['name']);
}

function plannedTwiceDiagnostic(kind: Kind, name: string): Diagnostic {
  return errorDiagnostic(
    `${kind.kind[0].toUpperCase()}${kind.kind.slice(1)} "${name}" is created twice`,
    `Another resource of this configuration creates ${kindWithArticle(kind.kind)} named "${name}". Names identify objects on the appliance (lookups go by name), so the provider keeps them unique. Nothing was written. Give each a name of its own.`,
    ['name'],
  );
}
