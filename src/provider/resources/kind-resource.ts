import type { CreatedObject } from '../../client';
import { isUnmanagedFields, unmanagedFields, type UnmanagedFields } from '../../client/overlay';
import { apiNameOf, type FieldIssue, formatFieldPath, isBuiltinKey, isObjectKey, type Kind, kindWithArticle, holdsSecretField } from '../../model';
import { encodeMsgpack } from '../../plugin/cty';
import { type CtyValue, Unknown } from '../../plugin/cty/types';
import {
  type ApplyResponse,
  type Attribute,
  type CallContext,
  type CreateRequest,
  ctyEqual,
  type DeleteRequest,
  type Diagnostic,
  DiagnosticsError,
  diagnosticsFrom,
  errorDiagnostic,
  type ObjectValue,
  objectTypeOf,
  type PlanRequest,
  type ReadRequest,
  type ReadResponse,
  type Resource,
  type Schema,
  type UpdateRequest,
} from '../../plugin/framework';
import { fromApiBody, toApiBody } from '../mapping/api-body';
import { checkAgainstKind, type KindCheck, planWithModelDefaults } from '../mapping/model-plan';
import { computedAttributes, fieldAttributes } from '../model-schema';
import type { ProviderRuntime } from '../runtime';
import { adviseOnNamedObjects, checkReferencesExist } from './appliance-checks';
import { takenDiagnostic } from '../names';

/**
 * Behaviour a kind has of its own, beyond its description: Terraform-only attributes (an API
 * client's `keepers`), their checks, and fields only a create request carries.
 */
export interface KindExtension {
  readonly attributes?: Readonly<Record<string, Attribute>>;
  /** Markdown for the docs, after the kind's own description. */
  readonly doc?: string;
  validate?(config: ObjectValue): Diagnostic[];
  /** Fields the create request carries besides the body (e.g. a secret chosen by the user). */
  createFields?(config: ObjectValue): Record<string, unknown>;
}

/** What every resource does the same way, for its docs. */
const COMMON_BEHAVIOUR =
  '**Fields the provider does not manage are kept.** The appliance replaces the whole object on an update, so the provider lays the ' +
  'attributes it manages over the object as it was read (and as it is inside the transaction, if that differs): fields a newer firmware ' +
  'added, or that an administrator set in the web UI, survive every update (inside a list, the list is replaced as a whole). Changes ' +
  'made outside Terraform to the managed attributes show as drift; before an update or a delete is committed, the object as it was ' +
  'under the configuration lock is compared with the plan, and the apply fails instead of overwriting a change made since.\n\n' +
  '**Names identify objects.** The provider keeps names unique for every create and rename: at plan, and again inside the transaction ' +
  'just before the commit, under the configuration lock. If the name is taken, nothing is written and the error shows the import block ' +
  'that adopts the existing object, so a lost state or an apply killed mid-commit never leads to duplicates.';

/** Configurations whose check a process keeps: beyond this many, it starts over (a plan has one per resource). */
const MAX_KEPT_CHECKS = 5000;

const ID_ATTRIBUTE: Attribute = {
  type: 'string',
  computed: true,
  description: 'The object\'s key on the appliance. Use it wherever another object references this one.',
  planModifiers: ['useStateForUnknown'],
};

/**
 * The resource of a managed kind (`sps_<id>`), driven by its description: plan-time validation
 * and defaults, name and reference checks, group commits with lost-update protection, drift-aware
 * reads and import by key.
 */
export class KindResource implements Resource {
  readonly typeName: string;
  /** The schema and its parts, derived when first used: a provider process uses a few of the kinds. */
  private derived?: { readonly schema: Schema; readonly fields: Readonly<Record<string, Attribute>>; readonly fieldsType: ReturnType<typeof objectTypeOf> };
  /** Checks of configurations seen by this process (see check). */
  private readonly checks = new Map<string, KindCheck>();

  constructor(
    private readonly runtime: ProviderRuntime,
    private readonly kind: Kind,
    private readonly extension: KindExtension = {},
  ) {
    this.typeName = `sps_${kind.id}`;
  }

  private get parts(): NonNullable<KindResource['derived']> {
    if (!this.derived) {
      const fields = fieldAttributes(this.kind.fields);
      const doc = [this.kind.doc, this.extension.doc, COMMON_BEHAVIOUR].filter(Boolean).join('\n\n');
      const schema = { description: doc, attributes: { id: ID_ATTRIBUTE, ...fields, ...computedAttributes(this.kind), ...this.extension.attributes } };
      this.derived = { schema, fields, fieldsType: objectTypeOf(fields) };
    }
    return this.derived;
  }

  get schema(): Schema {
    return this.parts.schema;
  }

  private get fields(): Readonly<Record<string, Attribute>> {
    return this.parts.fields;
  }

  private get fieldsType(): ReturnType<typeof objectTypeOf> {
    return this.parts.fieldsType;
  }

  validateConfig(config: ObjectValue): Diagnostic[] {
    return [...this.issues(config).map((issue) => this.issueDiagnostic(issue)), ...(this.extension.validate?.(config) ?? [])];
  }

  async modifyPlan({ config, prior, planned, warn }: PlanRequest): Promise<ObjectValue> {
    const model = this.modelPart(config);
    const check = this.check(model);
    if (check.issues.length > 0) throw new DiagnosticsError(check.issues.map((issue) => this.issueDiagnostic(issue)));
    const result = { ...planned, ...(planWithModelDefaults(this.fieldsType, model, check.stored) as ObjectValue) };
    if (prior !== null) this.runtime.names.notePlan(this.kind, this.keyOf(prior), { name: this.nameOf(result) ?? null, config });
    if (prior !== null && ctyEqual(prior, result)) return result;
    this.runtime.plannedChanges.planned();
    try {
      // A plan that will change the appliance checks now what the apply would only find out after the merge.
      await this.runtime.verifyConnection();
      const body = check.stored === undefined ? undefined : (this.kind.toApi(check.stored) as Record<string, unknown>);
      const problems = await Promise.all([
        this.nameProblem(prior, result, config, body),
        body === undefined ? undefined : checkReferencesExist(this.runtime, this.kind, body, this.fields),
        body === undefined ? undefined : adviseOnNamedObjects(this.runtime, this.kind, body, prior === null ? undefined : this.bodyOf(prior), this.fields),
      ]);
      const diagnostics = problems.flat().filter((problem): problem is Diagnostic => problem !== undefined);
      if (diagnostics.some((diagnostic) => diagnostic.severity === 'error')) throw new DiagnosticsError(diagnostics);
      diagnostics.forEach(warn);
    } catch (error) {
      this.runtime.plannedChanges.settled();
      throw error;
    }
    return result;
  }

  async create({ planned, config }: CreateRequest, context: CallContext): Promise<ApplyResponse> {
    const body = this.bodyOf(planned);
    const request = { ...body, ...this.extension.createFields?.(config) };
    const name = this.nameOf(planned);
    let created: CreatedObject;
    const waits = new LockWaitWarnings();
    this.runtime.plannedChanges.settled();
    try {
      created = await this.runtime.submit(
        async (tx) => {
          if (name !== undefined) {
            const holders = await this.runtime.names.holdersInTransaction(tx, this.kind, name, null);
            if (holders.length > 0) throw new DiagnosticsError([takenDiagnostic(this.kind, this.typeName, name, holders, null)]);
          }
          const object = await tx.create(this.kind, request);
          if (name !== undefined) await this.runtime.names.noteWrite(tx, this.kind, object.key, name);
          return object;
        },
        { signal: context.signal, description: this.describe('create', planned), onWarning: waits.add },
      );
    } catch (error) {
      // The coordinator rolled back: nothing was created, so nothing goes into the state.
      return { state: null, diagnostics: [...waits.diagnostics, ...diagnosticsFrom(this.runtime.reported(error))] };
    }
    this.runtime.names.learn(this.kind, created.key, name ?? null);
    // Committed: from here on the object must reach the state, whatever else fails.
    const extras = this.extensionPart(planned, { unknownAsNull: true });
    try {
      return { state: this.stateFrom(body, created.key, await this.computedAfterCreate(created), extras), diagnostics: waits.diagnostics };
    } catch (error) {
      const detail = `The ${this.kind.kind} was created with key "${created.key}", but reading what the appliance set on it failed: ${(error as Error).message}. The next refresh reads it again.`;
      return {
        state: this.stateFrom(body, created.key, this.computedFrom(created.extras, {}), extras),
        diagnostics: [...waits.diagnostics, { severity: 'warning', summary: `Created ${this.describe('', planned).trim()} without all its computed values`, detail }],
      };
    }
  }

  stateUpgraded(state: ObjectValue): void {
    let key: string;
    try {
      key = this.keyOf(state);
    } catch {
      return; // no key to read: the read itself says what is wrong
    }
    this.runtime.readAheadObject(this.kind, key);
  }

  async read({ state }: ReadRequest): Promise<ReadResponse> {
    const key = this.keyOf(state);
    await this.runtime.verifyConnection();
    const object = await this.runtime.refreshObject(this.kind, key);
    if (!object) {
      this.runtime.names.learn(this.kind, key, null);
      return { state: null }; // deleted outside Terraform: the next plan creates it again
    }
    const name = (object.body as { name?: unknown }).name;
    this.runtime.names.learn(this.kind, key, typeof name === 'string' ? name : null);
    return {
      state: this.stateFrom(object.body, object.key, this.computedFrom(object.readOnly, state), this.extensionPart(state)),
      private: keptUnmanaged(unmanagedFields(object.raw, object.body, this.kind.readOnlyFields)),
    };
  }

  async update({ prior, planned, private: kept }: UpdateRequest, context: CallContext): Promise<ApplyResponse> {
    const key = this.keyOf(prior);
    const next = this.bodyOf(planned);
    const name = this.nameOf(planned);
    const renamed = name !== undefined && name !== this.nameOf(prior);
    const waits = new LockWaitWarnings();
    this.runtime.plannedChanges.settled();
    try {
      await this.runtime.submit(
        async (tx) => {
          if (renamed) {
            const holders = await this.runtime.names.holdersInTransaction(tx, this.kind, name, key);
            if (holders.length > 0) throw new DiagnosticsError([takenDiagnostic(this.kind, this.typeName, name, holders, key)]);
          }
          await tx.replaceIfUnchanged(this.kind, key, this.bodyOf(prior), next, { normalize: (body) => this.kind.normalize(body), unmanaged: unmanagedKept(kept) });
          if (renamed) await this.runtime.names.noteWrite(tx, this.kind, key, name);
        },
        { signal: context.signal, description: this.describe('update', planned), onWarning: waits.add },
      );
    } catch (error) {
      // Rolled back: the appliance still holds what the prior state says.
      return { state: prior, diagnostics: [...waits.diagnostics, ...diagnosticsFrom(this.runtime.reported(error))] };
    }
    this.runtime.names.learn(this.kind, key, name ?? null);
    const computed = Object.fromEntries(Object.keys(this.kind.computed).map((attribute) => [attribute, prior[attribute] ?? null]));
    return { state: this.stateFrom(next, key, computed, { ...this.extensionPart(prior), ...this.extensionPart(planned, { knownOnly: true }) }), diagnostics: waits.diagnostics };
  }

  async delete({ prior }: DeleteRequest, context: CallContext): Promise<{ diagnostics: Diagnostic[] }> {
    const key = this.keyOf(prior);
    const waits = new LockWaitWarnings();
    try {
      await this.runtime.submit(
        async (tx) => {
          await tx.deleteIfUnchanged(this.kind, key, this.bodyOf(prior), { normalize: (body) => this.kind.normalize(body) });
          await this.runtime.names.noteWrite(tx, this.kind, key, null);
        },
        { signal: context.signal, description: this.describe('delete', prior), onWarning: waits.add },
      );
      this.runtime.names.learn(this.kind, key, null);
      return { diagnostics: waits.diagnostics };
    } catch (error) {
      return { diagnostics: [...waits.diagnostics, ...diagnosticsFrom(this.runtime.reported(error))] };
    }
  }

  async importState(id: string): Promise<ObjectValue> {
    // Checked before any request: an id such as ".." would address another endpoint.
    if (!isObjectKey(id)) {
      throw new DiagnosticsError([
        errorDiagnostic(
          `Invalid import ID for ${this.typeName}`,
          `${JSON.stringify(id.length > 60 ? `${id.slice(0, 60)}…` : id)} is not a valid key for ${kindWithArticle(this.kind.kind)}: keys are negative integers for built-ins ` +
            '(e.g. "-3") or hex or UUID-like identifiers that the appliance issues (e.g. "20088200245706af301b1ba"). Find the key with the data source or in the web UI.',
        ),
      ]);
    }
    if (isBuiltinKey(id)) {
      const lookup = this.kind.lookup ? ` Reference it through the data source ${this.typeName} instead.` : '';
      throw new DiagnosticsError([
        errorDiagnostic(
          `Cannot import a built-in ${this.kind.kind}`,
          `The ${this.kind.kind} with key "${id}" is one of the appliance's built-in defaults (negative keys), which are read-only and cannot be managed by Terraform.${lookup}`,
        ),
      ]);
    }
    const object = await this.runtime.client.get(this.kind, id);
    if (!object) {
      throw new DiagnosticsError([errorDiagnostic(`Cannot import ${this.typeName}`, `The appliance has no ${this.kind.kind} with key "${id}" (${this.kind.path}/${id}).`)]);
    }
    const extras = Object.fromEntries(Object.keys(this.extension.attributes ?? {}).map((name) => [name, null]));
    return this.stateFrom(object.body, object.key, this.computedFrom(object.readOnly, {}), extras);
  }

  // ---- values --------------------------------------------------------------------------

  private modelPart(value: ObjectValue): ObjectValue {
    return Object.fromEntries(Object.keys(this.fields).map((name) => [name, value[name] ?? null]));
  }

  private issues(config: ObjectValue): FieldIssue[] {
    return this.check(this.modelPart(config)).issues;
  }

  /**
   * The model's check of a configuration (`model`: its kind's attributes). Terraform validates
   * every configuration and then plans it in the same process, so the answer is kept, by the
   * value's encoding (exact, unknowns included), for the plan to find: the check is pure.
   */
  private check(model: ObjectValue): KindCheck {
    const key = Buffer.from(encodeMsgpack(this.fieldsType, model)).toString('latin1');
    let check = this.checks.get(key);
    if (!check) {
      check = checkAgainstKind(this.kind, model);
      if (this.checks.size >= MAX_KEPT_CHECKS) this.checks.clear();
      this.checks.set(key, check);
    }
    return check;
  }

  /** The request body of a planned (or prior) value, as the model stores it. */
  private bodyOf(value: ObjectValue): Record<string, unknown> {
    const parsed = this.kind.schema.safeParse(this.kind.toApi(toApiBody(this.modelPart(value)) ?? {}));
    if (!parsed.success) throw new Error(`the planned ${this.kind.kind} is not valid: ${parsed.error.message}`);
    return parsed.data as Record<string, unknown>;
  }

  private stateFrom(body: unknown, key: string, computed: ObjectValue, extras: ObjectValue): ObjectValue {
    return { id: key, ...(fromApiBody(this.fieldsType, this.kind.fromApi(body)) as ObjectValue), ...computed, ...extras };
  }

  private keyOf(value: ObjectValue): string {
    if (typeof value.id !== 'string' || value.id === '') throw new Error(`the ${this.kind.kind} has no key in the Terraform state`);
    return value.id;
  }

  private nameOf(value: ObjectValue | null): string | undefined {
    return typeof value?.name === 'string' ? value.name : undefined;
  }

  private describe(verb: string, value: ObjectValue): string {
    return `${verb} ${this.typeName} "${String(value.name ?? value.id ?? '')}"`;
  }

  /** What the appliance set, from the fields it returned; `create-only` ones are kept from `prior` (they are never read again). */
  private computedFrom(returned: Readonly<Record<string, unknown>>, prior: ObjectValue): ObjectValue {
    return Object.fromEntries(
      Object.entries(this.kind.computed).map(([name, { node, mode }]) => {
        const value = returned[apiNameOf(name, node)];
        if (mode === 'create-only' && value === undefined) return [name, prior[name] ?? null];
        return [name, (value ?? null) as CtyValue];
      }),
    );
  }

  /** The computed values after a create: from its answer, or (for those it lacks) from one read. */
  private async computedAfterCreate(created: CreatedObject): Promise<ObjectValue> {
    const missing = Object.entries(this.kind.computed).some(([name, { node, mode }]) => mode !== 'create-only' && created.extras[apiNameOf(name, node)] === undefined);
    if (!missing) return this.computedFrom(created.extras, {});
    const object = await this.runtime.client.get(this.kind, created.key);
    return this.computedFrom({ ...object?.readOnly, ...created.extras }, {});
  }

  /** The extension's attributes carried over: null and unknown ones dropped (`knownOnly`), or unknown ones as null (`unknownAsNull`, for a state). */
  private extensionPart(value: ObjectValue, options: { knownOnly?: boolean; unknownAsNull?: boolean } = {}): ObjectValue {
    const extras: ObjectValue = {};
    for (const name of Object.keys(this.extension.attributes ?? {})) {
      const item = value[name] ?? null;
      if (options.knownOnly && (item === null || item instanceof Unknown)) continue;
      extras[name] = options.unknownAsNull && item instanceof Unknown ? null : item;
    }
    return extras;
  }

  // ---- checks --------------------------------------------------------------------------

  /** The plan-time name check of a create or a rename; `body`: the body a create would send, if known at plan. */
  private async nameProblem(prior: ObjectValue | null, planned: ObjectValue, config: ObjectValue, body: Record<string, unknown> | undefined): Promise<Diagnostic | undefined> {
    const name = this.nameOf(planned);
    if (name === undefined) return undefined;
    const ownKey = prior === null ? null : this.keyOf(prior);
    return this.runtime.names.checkAtPlan(this.kind, this.typeName, { name, ownKey, priorName: this.nameOf(prior) ?? null, config, body });
  }

  /**
   * A model issue as a diagnostic on the attribute. Terraform locates a diagnostic in the
   * configuration only by its top-level attribute: measured with Terraform 1.11.4, a path into a
   * nested attribute (`network` → `clients` → [1], protocol 6 nested types) makes it underline the
   * whole resource block instead, which is worse. So the path stops at the top-level attribute, and
   * the detail names the full field path and the value.
   */
  private issueDiagnostic(issue: FieldIssue): Diagnostic {
    const field = formatFieldPath(issue.path);
    const top = issue.path[0];
    const path = typeof top === 'string' && top in this.fields ? [top] : [];
    return errorDiagnostic(`Invalid ${this.kind.kind}: ${field}`, `${field}: ${issue.message}`, path);
  }
}

/**
 * Private state: what the last read found besides the managed fields, so that an update can send
 * it again without reading the object first (empty when there is nothing, as usual). Private state
 * is written into the state file: unmanaged fields that look like secrets are not kept there, and
 * such an update gets them from the transaction's change list before its commit instead (one more
 * request).
 */
function keptUnmanaged(fields: UnmanagedFields | undefined): Uint8Array {
  return fields && !holdsSecretField(fields) ? Buffer.from(JSON.stringify({ unmanaged: fields })) : new Uint8Array(0);
}

/** What keptUnmanaged kept; undefined when nothing (or anything else) was kept. */
function unmanagedKept(bytes: Uint8Array): UnmanagedFields | undefined {
  if (bytes.length === 0) return undefined;
  try {
    const kept = (JSON.parse(Buffer.from(bytes).toString('utf8')) as { unmanaged?: unknown }).unmanaged;
    return isUnmanagedFields(kept) ? kept : undefined;
  } catch {
    return undefined;
  }
}

/**
 * How long a change waited for the configuration lock, as a warning: Terraform shows a provider's
 * diagnostics only when the call ends, so the progress during the wait goes to the log.
 */
export class LockWaitWarnings {
  readonly diagnostics: Diagnostic[] = [];
  readonly add = (message: string): void => {
    this.diagnostics.push({ severity: 'warning', summary: 'Waited for the SPS configuration lock', detail: message });
  };
}
