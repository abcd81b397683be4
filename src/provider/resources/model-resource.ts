import type { CreatedObject, TransactionScope } from '../../client';
import { type CollectionSpec, type FieldIssue, formatFieldPath, isBuiltinKey, isObjectKey, kindWithArticle } from '../../model';
import { type CtyValue, Unknown } from '../../plugin/cty/types';
import {
  type ApplyResponse,
  type Attribute,
  ctyEqual,
  type Diagnostic,
  DiagnosticsError,
  diagnosticsFrom,
  errorDiagnostic,
  type ObjectValue,
  objectTypeOf,
  type Resource,
  type Schema,
} from '../../plugin/framework';
import { fromApiBody, type JsonValue, toApiBody } from '../mapping/api-body';
import { checkAgainstModel, planWithModelDefaults } from '../mapping/model-plan';
import { checkReferencesExist, existingNameDiagnostic } from './appliance-checks';
import type { ProviderRuntime } from '../runtime';

/**
 * The CRUD every resource backed by an appliance collection shares. Each resource file supplies
 * its schema (attribute names are the appliance's field names) and its own extras; this turns
 * them into plan-time validation against the shared model, model defaults in the plan, group
 * commits with lost-update protection, drift-aware reads and import by key.
 */
export interface ModelResourceDefinition<Body> {
  readonly typeName: string;
  readonly description: string;
  readonly spec: CollectionSpec<Body>;
  /** Attributes that map one-to-one to body fields. */
  readonly modelAttributes: Readonly<Record<string, Attribute>>;
  /** Attributes the provider adds (besides `id`), e.g. an API client's secret. */
  readonly extraAttributes?: Readonly<Record<string, Attribute>>;
  /** The data source that looks up built-in objects of this kind, named when an import is refused. */
  readonly builtinLookup?: string;
  /** Puts bodies in a comparable form for the lost-update check, e.g. sorts what Terraform treats as a set. */
  readonly normalize?: (body: Body) => unknown;
  /**
   * Values of extra attributes after a create (the create answer may carry one-time values). It
   * runs after the commit; if it fails, the object still reaches the state, with these attributes
   * null and a warning.
   */
  readonly extrasAfterCreate?: (created: CreatedObject, planned: ObjectValue, runtime: ProviderRuntime) => Promise<ObjectValue> | ObjectValue;
  /**
   * Fields the create request carries besides the model's, from the configuration (e.g. a
   * write-only secret chosen by the user, which reaches the appliance and nothing else).
   */
  readonly createFields?: (config: ObjectValue) => Record<string, unknown>;
  /** Checks of the extra attributes, beyond the model's (config may hold unknown values). */
  readonly validateExtras?: (config: ObjectValue) => Diagnostic[];
  /** Values of extra attributes after a read, from the object's read-only fields and the prior state. */
  readonly extrasAfterRead?: (readOnly: Readonly<Record<string, unknown>>, prior: ObjectValue) => ObjectValue;
}

/** What every resource does the same way, for its docs. */
const COMMON_BEHAVIOUR =
  '**Fields the provider does not manage are kept.** The appliance replaces the whole object on an update, so the provider reads the ' +
  'object inside the transaction and lays the attributes it manages over it: fields a newer firmware added, or that an administrator ' +
  'set in the web UI, survive every update (inside a list, the list is replaced as a whole). Changes made outside Terraform to the ' +
  'managed attributes show as drift; before an update or a delete the object is compared with the plan, and the apply fails instead ' +
  'of overwriting a change made since.\n\n' +
  '**Names identify objects.** Before a create, the provider checks that no object of this kind already has the name (one listing per ' +
  'provider process): if one has, nothing is written and the error shows the import block that adopts it, so a lost state or an apply ' +
  'killed mid-commit never leads to duplicates.';

const ID_ATTRIBUTE: Attribute = {
  type: 'string',
  computed: true,
  description: 'The object\'s key on the appliance. Use it wherever another object references this one.',
  planModifiers: ['useStateForUnknown'],
};

export function modelResource<Body>(runtime: ProviderRuntime, definition: ModelResourceDefinition<Body>): Resource {
  const { spec } = definition;
  // Every appliance object this provider manages has a name.
  const namedSpec = spec as unknown as CollectionSpec<{ name?: unknown }>;
  const modelNames = Object.keys(definition.modelAttributes);
  const modelType = objectTypeOf(definition.modelAttributes);
  const schema: Schema = {
    description: `${definition.description}\n\n${COMMON_BEHAVIOUR}`,
    attributes: { id: ID_ATTRIBUTE, ...definition.modelAttributes, ...definition.extraAttributes },
  };

  const modelPart = (value: ObjectValue): ObjectValue => Object.fromEntries(modelNames.map((name) => [name, value[name] ?? null]));
  const bodyOf = (value: ObjectValue): Body => {
    const parsed = spec.schema.safeParse(toApiBody(modelPart(value)) ?? {});
    if (!parsed.success) throw new Error(`the planned ${spec.kind} is not valid: ${parsed.error.message}`);
    return parsed.data;
  };
  const keyOf = (value: ObjectValue): string => {
    if (typeof value.id !== 'string' || value.id === '') throw new Error(`the ${spec.kind} has no key in the Terraform state`);
    return value.id;
  };
  const stateFrom = (body: unknown, key: string, extras: ObjectValue): ObjectValue => ({
    id: key,
    ...(fromApiBody(modelType, body) as ObjectValue),
    ...extras,
  });
  const describe = (verb: string, value: ObjectValue) => `${verb} ${definition.typeName} "${String(value.name ?? value.id ?? '')}"`;

  return {
    typeName: definition.typeName,
    schema,

    validateConfig(config) {
      const { issues } = checkAgainstModel(spec.strictSchema, modelPart(config));
      return [...issues.map((issue) => issueDiagnostic(spec.kind, issue, definition.modelAttributes)), ...(definition.validateExtras?.(config) ?? [])];
    },

    async modifyPlan({ config, prior, planned }) {
      const check = checkAgainstModel(spec.strictSchema, modelPart(config));
      if (check.issues.length > 0) {
        throw new DiagnosticsError(check.issues.map((issue) => issueDiagnostic(spec.kind, issue, definition.modelAttributes)));
      }
      const stored = check.body === undefined ? undefined : (toApiBody(check.body as CtyValue) as JsonValue);
      const result = { ...planned, ...(planWithModelDefaults(modelType, modelPart(config), stored) as ObjectValue) };
      if (prior === null || !ctyEqual(prior, result)) {
        runtime.notePlannedChange();
        try {
          // A plan that will change the appliance checks now what the apply would only find out after the merge.
          await runtime.verifyConnection();
          if (check.body !== undefined) await checkReferencesExist(runtime, spec, check.body, definition.modelAttributes);
        } catch (error) {
          runtime.notePlannedChangeDone();
          throw error;
        }
      }
      return result;
    },

    async create({ planned, config }, context): Promise<ApplyResponse> {
      const body = bodyOf(planned);
      const request = definition.createFields ? ({ ...body, ...definition.createFields(config) } as Body) : body;
      let created: CreatedObject;
      let release: (() => void) | undefined;
      runtime.notePlannedChangeDone();
      try {
        created = await runtime.coordinator.submit(
          async (tx) => {
            // Names are unique in practice (lookups go by name): an object with this name exists after a lost
            // state or a run killed mid-commit. Adopt it; never create a second one. Checked inside the
            // transaction, so that creates arriving together still share one commit; once per create, as the
            // coordinator may run a change again (after a failed group commit).
            const name = (body as { name?: unknown }).name;
            if (typeof name === 'string' && release === undefined) {
              const claim = await runtime.claimName(namedSpec, name);
              if (claim.existing.length > 0 || claim.claimed) {
                throw new DiagnosticsError([existingNameDiagnostic(definition.typeName, spec.kind, name, claim.existing.map((o) => o.key))]);
              }
              release = claim.release;
            }
            return tx.create(spec, request);
          },
          { signal: context.signal, description: describe('create', planned) },
        );
      } catch (error) {
        // The coordinator rolled back: nothing was created, so nothing goes into the state.
        release?.();
        return { state: null, diagnostics: diagnosticsFrom(error) };
      }
      // The name is known to be taken before it is released, so no other create can claim it in between.
      await runtime.recordCommitted(namedSpec, created.key, body as { name?: unknown });
      release?.();
      // Committed: from here on the object must reach the state, whatever else fails.
      const state = stateFrom(body, created.key, extraPart(definition, planned, { unknownAsNull: true }));
      if (!definition.extrasAfterCreate) return { state, diagnostics: [] };
      try {
        return { state: { ...state, ...(await definition.extrasAfterCreate(created, planned, runtime)) }, diagnostics: [] };
      } catch (error) {
        const detail = `The ${spec.kind} was created with key "${created.key}", but reading what the appliance set on it failed: ${(error as Error).message}. The next refresh reads it again.`;
        return { state, diagnostics: [{ severity: 'warning', summary: `Created ${describe('', planned).trim()} without all its computed values`, detail }] };
      }
    },

    async read({ state }) {
      const object = await runtime.client.get(spec, keyOf(state));
      if (!object) return null; // deleted outside Terraform: the next plan creates it again
      const extras = definition.extrasAfterRead?.(object.readOnly, state) ?? {};
      return stateFrom(object.body, object.key, { ...extraPart(definition, state), ...extras });
    },

    async update({ prior, planned }, context): Promise<ApplyResponse> {
      const key = keyOf(prior);
      const next = bodyOf(planned);
      runtime.notePlannedChangeDone();
      try {
        await runtime.coordinator.submit(
          (tx: TransactionScope) => tx.replaceIfUnchanged(spec, key, bodyOf(prior), next, { normalize: definition.normalize }),
          { signal: context.signal, description: describe('update', planned) },
        );
      } catch (error) {
        // Rolled back: the appliance still holds what the prior state says.
        return { state: prior, diagnostics: diagnosticsFrom(error) };
      }
      await runtime.recordCommitted(namedSpec, key, next as { name?: unknown });
      return { state: stateFrom(next, key, { ...extraPart(definition, prior), ...extraPart(definition, planned, { knownOnly: true }) }), diagnostics: [] };
    },

    async delete({ prior }, context) {
      const key = keyOf(prior);
      try {
        await runtime.coordinator.submit((tx) => tx.deleteIfUnchanged(spec, key, bodyOf(prior), { normalize: definition.normalize }), {
          signal: context.signal,
          description: describe('delete', prior),
        });
        await runtime.recordCommitted(namedSpec, key, null);
        return { diagnostics: [] };
      } catch (error) {
        return { diagnostics: diagnosticsFrom(error) };
      }
    },

    async importState(id) {
      // Checked before any request: an id such as ".." would address another endpoint.
      if (!isObjectKey(id)) {
        throw new DiagnosticsError([
          errorDiagnostic(
            `Invalid import ID for ${definition.typeName}`,
            `${JSON.stringify(id.length > 60 ? `${id.slice(0, 60)}…` : id)} is not a valid key for ${kindWithArticle(spec.kind)}: keys are negative integers for built-ins ` +
              '(e.g. "-3") or hex or UUID-like identifiers that the appliance issues (e.g. "20088200245706af301b1ba"). Find the key with the data source or in the web UI.',
          ),
        ]);
      }
      if (isBuiltinKey(id)) {
        const lookup = definition.builtinLookup ? ` Reference it through the data source ${definition.builtinLookup} instead.` : '';
        throw new DiagnosticsError([
          errorDiagnostic(
            `Cannot import a built-in ${spec.kind}`,
            `The ${spec.kind} with key "${id}" is one of the appliance's built-in defaults (negative keys), which are read-only and cannot be managed by Terraform.${lookup}`,
          ),
        ]);
      }
      const object = await runtime.client.get(spec, id);
      if (!object) {
        throw new DiagnosticsError([errorDiagnostic(`Cannot import ${definition.typeName}`, `The appliance has no ${spec.kind} with key "${id}" (${spec.path}/${id}).`)]);
      }
      const nulls = Object.fromEntries(Object.keys(definition.extraAttributes ?? {}).map((name) => [name, null]));
      return stateFrom(object.body, object.key, { ...nulls, ...(definition.extrasAfterRead?.(object.readOnly, nulls) ?? {}) });
    },
  };
}

/** Extra attributes carried over from a value: null and unknown ones dropped (`knownOnly`), or unknown ones as null (`unknownAsNull`, for a state). */
function extraPart<Body>(definition: ModelResourceDefinition<Body>, value: ObjectValue, options: { knownOnly?: boolean; unknownAsNull?: boolean } = {}): ObjectValue {
  const extras: ObjectValue = {};
  for (const name of Object.keys(definition.extraAttributes ?? {})) {
    const item = value[name] ?? null;
    if (options.knownOnly && (item === null || item instanceof Unknown)) continue;
    extras[name] = options.unknownAsNull && item instanceof Unknown ? null : item;
  }
  return extras;
}

/**
 * A model issue as a diagnostic on the attribute. Terraform locates a diagnostic in the
 * configuration only by its top-level attribute: measured with Terraform 1.11.4, a path into a
 * nested attribute (`network` → `clients` → [1], protocol 6 nested types) makes it underline the
 * whole resource block instead, which is worse. So the path stops at the top-level attribute, and
 * the detail names the full field path and the value.
 */
function issueDiagnostic(kind: string, issue: FieldIssue, attributes: Readonly<Record<string, Attribute>>): Diagnostic {
  const field = formatFieldPath(issue.path);
  const top = issue.path[0];
  const path = typeof top === 'string' && top in attributes ? [top] : [];
  return errorDiagnostic(`Invalid ${kind}: ${field}`, `${field}: ${issue.message}`, path);
}
