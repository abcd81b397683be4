import { isDeepStrictEqual } from 'node:util';
import type { ApplianceClient, TransactionScope } from '../client';
import { isBuiltinKey, isObjectKey, type Kind, kindWithArticle } from '../model';
import { ctyEqual, type Diagnostic, errorDiagnostic, type ObjectValue } from '../plugin/framework';
import { logger } from '../plugin/log';

/** What this process planned for an object of the state: its name after the change (null: not known yet), from which configuration. */
interface PlannedObject {
  readonly name: string | null;
  readonly config: ObjectValue;
}

/**
 * Names identify objects (lookups and the web UI go by name), but the appliance does not keep
 * them unique. The provider does, for every write: at plan, against the appliance as this
 * process has read it, and again inside the transaction, under the configuration lock, against
 * the appliance as it is then, so that two pipelines creating the same name cannot both succeed.
 *
 * The appliance lists keys only, so this process reads each object's name once (one GET per
 * object) and keeps it current with its own reads and commits; inside a transaction it lists the
 * keys again and reads only the objects it has not seen, i.e. those others created since.
 *
 * Replacements keep their name, and the plugin protocol never tells a provider whether
 * create_before_destroy is set. Without it, Terraform deletes the old object first: the plan lets
 * the replacement take its name. With it, Terraform deposes the old object, plans the create
 * again and creates it while the old one still holds the name, and a plan error at that point
 * strands the old object as deposed (a deposed object is always destroyed after its replacement
 * is created, so every later apply would fail the same way); an error from the create itself
 * makes Terraform restore it. So a create whose name is held by an object identical to it (which
 * that re-plan cannot tell from the object it replaces) is only warned about at plan, and refused
 * inside the transaction.
 */
export class NameRegistry {
  /** Committed names per collection: key → name. */
  private readonly committed = new Map<string, Promise<Map<string, string>>>();
  /** Names that creates and renames planned in this process will take, so that two of them cannot plan the same one. */
  private readonly planned = new Map<string, Set<string>>();
  /** Objects of the state planned in this process: a replacement re-creates its own name, a rename frees one. */
  private readonly plannedFrom = new Map<string, Map<string, PlannedObject>>();

  constructor(private readonly client: () => ApplianceClient) {}

  /**
   * Every plan of an object of the state, even one that changes nothing: Terraform plans an object
   * it replaces (a change that forces it, or `-replace`) and then, with the same configuration, the
   * create of its replacement.
   */
  notePlan(kind: Kind, key: string, planned: PlannedObject): void {
    const known = this.plannedFrom.get(kind.path) ?? new Map<string, PlannedObject>();
    this.plannedFrom.set(kind.path, known);
    known.set(key, planned);
  }

  /**
   * The plan-time check of a create (`ownKey` null, with its configuration and the body it would
   * send, if known) or an update that sets `name`: an error when the name is taken on the appliance
   * or by another change planned in this process; a warning when a create's name is held by an
   * identical object (see the class comment).
   */
  async checkAtPlan(
    kind: Kind,
    typeName: string,
    change: { name: string; ownKey: string | null; priorName: string | null; config: ObjectValue; body: Record<string, unknown> | undefined },
  ): Promise<Diagnostic | undefined> {
    const { name, ownKey, priorName } = change;
    if (ownKey !== null && priorName === name) return undefined;
    const holders = [...(await this.committedNames(kind))]
      .filter(([key, held]) => held === name && key !== ownKey && !(ownKey === null && this.freedFor(kind, key, name, change.config)))
      .map(([key]) => key);
    let identical: Diagnostic | undefined;
    if (holders.length > 0) {
      // An identical object may be the one this resource replaces with create_before_destroy, planned again by the apply after deposing it.
      const mayBeReplaced = ownKey === null && holders.length === 1 && !isBuiltinKey(holders[0]) && (await this.sameBody(kind, holders[0], change.body));
      if (!mayBeReplaced) return takenDiagnostic(kind, typeName, name, holders, ownKey);
      identical = takenDiagnostic(kind, typeName, name, holders, null, true);
    }
    const planned = this.planned.get(kind.path) ?? new Set<string>();
    this.planned.set(kind.path, planned);
    if (planned.has(name)) return plannedTwiceDiagnostic(kind, name);
    planned.add(name);
    return identical;
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
    // A delete before any change of the transaction asked for the names needs no note: they are
    // listed inside the transaction, which has the object no more. (Reading them all for it
    // would cost a request per object at a destroy.)
    const asked = name === null ? tx.memoized<Map<string, string>>(namesMemo(kind)) : this.transactionNames(tx, kind);
    const names = await asked;
    if (!names) return;
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

  /** Whether an object of the kind has `name`, on the appliance or by a create or rename planned in this process. */
  async hasName(kind: Kind, name: string): Promise<boolean> {
    if (this.planned.get(kind.path)?.has(name)) return true;
    return [...(await this.committedNames(kind)).values()].includes(name);
  }

  /** Whether the object with `key` gives up `name` in this plan: renamed, or replaced by the create planned from `config`. */
  private freedFor(kind: Kind, key: string, name: string, config: ObjectValue): boolean {
    const planned = this.plannedFrom.get(kind.path)?.get(key);
    return planned !== undefined && ((planned.name !== null && planned.name !== name) || ctyEqual(planned.config, config));
  }

  /** Whether the object with `key` has the fields `body` would give it (compared as the model stores them). */
  private async sameBody(kind: Kind, key: string, body: Record<string, unknown> | undefined): Promise<boolean> {
    if (body === undefined) return false;
    const held = (await this.client().getLenient(kind, key))?.body;
    return held !== undefined && isDeepStrictEqual(kind.normalize(held), kind.normalize(body));
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
    return tx.memo(namesMemo(kind), async () => {
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

/** The transaction memo of a collection's names. */
function namesMemo(kind: Kind): string {
  return `names of ${kind.path}`;
}

/**
 * The name is taken. For a rename: what to do. For a create: the object either is the one this
 * resource replaces with create_before_destroy (Terraform manages it: never to be imported), or is
 * in no state (import it); the provider cannot tell which, so the message says both. `identical`:
 * the warning at plan for a create whose name an identical object holds (see NameRegistry).
 */
export function takenDiagnostic(kind: Kind, typeName: string, name: string, keys: readonly string[], ownKey: string | null, identical = false): Diagnostic {
  const holders = `${keys.length === 1 ? kindWithArticle(kind.kind) : `${keys.length} ${kind.plural}`} named "${name}" (key${keys.length === 1 ? '' : 's'} ${keys.map((k) => `"${k}"`).join(', ')})`;
  if (ownKey !== null) {
    return errorDiagnostic(`${title(kind, name)}: the name is taken`, `The appliance already has ${holders}. ${UNIQUE} Nothing was written. Choose another name, or rename that object first.`, ['name']);
  }
  if (identical) {
    return {
      severity: 'warning',
      summary: `${title(kind, name)} exists on the appliance, identical to this one`,
      detail: `The appliance already has ${holders}. ${UNIQUE} The apply will refuse to create a second one, and write nothing.\n\n${createAdvice(typeName, keys[0])}`,
      path: ['name'],
    };
  }
  return errorDiagnostic(`${title(kind, name)} already exists`, `The appliance already has ${holders}. ${UNIQUE} Nothing was written.\n\n${createAdvice(typeName, keys[0])}`, ['name']);
}

const UNIQUE = 'Names identify objects on the appliance (lookups, channel policies and the web UI go by name), so the provider keeps them unique.';

function title(kind: Kind, name: string): string {
  return `${kind.kind[0].toUpperCase()}${kind.kind.slice(1)} "${name}"`;
}

function createAdvice(typeName: string, key: string): string {
  if (isBuiltinKey(key)) {
    return "It is one of the appliance's built-in objects, which cannot be managed: choose another name, and reference the built-in through its data source.";
  }
  return (
    'If this resource replaces that object (a change that forces replacement, or -replace) with create_before_destroy, set on this resource or ' +
    'forced by a resource that depends on it, Terraform creates the new object first, so the new object would need the name while the old one ' +
    'still has it. Remove create_before_destroy, so that Terraform deletes the old object first, or give the new object another name in the same ' +
    'change. Do not import it: Terraform already manages it.\n\n' +
    "Otherwise no Terraform state has it (an earlier run's state was lost, another pipeline created it, or it was made by hand): adopt it with an " +
    "import block instead of creating a second one (the resource's address is shown above):\n\n" +
    `import {\n  to = ${typeName}.<name>\n  id = "${key}"\n}\n\nIn CDKTF: <construct>.resource.importFrom("${key}"). Or choose another name.`
  );
}

function plannedTwiceDiagnostic(kind: Kind, name: string): Diagnostic {
  return errorDiagnostic(
    `${title(kind, name)} is created twice`,
    `Another resource of this configuration creates ${kindWithArticle(kind.kind)} named "${name}". Names identify objects on the appliance (lookups go by name), so the provider keeps them unique. Nothing was written. Give each a name of its own.`,
    ['name'],
  );
}
