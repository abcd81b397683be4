import type { CreatedObject, TransactionScope } from '../../client';
import { type CollectionSpec, type FieldIssue, formatFieldPath } from '../../model';
import { type CtyValue, Unknown } from '../../plugin/cty/types';
import {
  type Attribute,
  type Diagnostic,
  DiagnosticsError,
  errorDiagnostic,
  type ObjectValue,
  objectTypeOf,
  type Resource,
  type Schema,
} from '../../plugin/framework';
import { fromApiBody, type JsonValue, toApiBody } from '../mapping/api-body';
import { checkAgainstModel, planWithModelDefaults } from '../mapping/model-plan';
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
   * runs after the commit, so it must not throw: the object exists and must reach the state.
   */
  readonly extrasAfterCreate?: (created: CreatedObject, planned: ObjectValue, runtime: ProviderRuntime) => Promise<ObjectValue> | ObjectValue;
  /** Values of extra attributes after a read, from the object's read-only fields and the prior state. */
  readonly extrasAfterRead?: (readOnly: Readonly<Record<string, unknown>>, prior: ObjectValue) => ObjectValue;
}

const ID_ATTRIBUTE: Attribute = {
  type: 'string',
  computed: true,
  description: 'The object\'s key on the appliance. Use it wherever another object references this one.',
  planModifiers: ['useStateForUnknown'],
};

export function modelResource<Body>(runtime: ProviderRuntime, definition: ModelResourceDefinition<Body>): Resource {
  const { spec } = definition;
  const modelNames = Object.keys(definition.modelAttributes);
  const modelType = objectTypeOf(definition.modelAttributes);
  const schema: Schema = {
    description: definition.description,
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
      return issues.map((issue) => issueDiagnostic(spec.kind, issue, definition.modelAttributes));
    },

    modifyPlan({ config, planned }) {
      const check = checkAgainstModel(spec.strictSchema, modelPart(config));
      if (check.issues.length > 0) {
        throw new DiagnosticsError(check.issues.map((issue) => issueDiagnostic(spec.kind, issue, definition.modelAttributes)));
      }
      const stored = check.body === undefined ? undefined : (toApiBody(check.body as CtyValue) as JsonValue);
      return { ...planned, ...(planWithModelDefaults(modelType, modelPart(config), stored) as ObjectValue) };
    },

    async create({ planned }, context) {
      const body = bodyOf(planned);
      const created = await runtime.coordinator.submit((tx) => tx.create(spec, body), {
        signal: context.signal,
        description: describe('create', planned),
      });
      const extras = definition.extrasAfterCreate ? await definition.extrasAfterCreate(created, planned, runtime) : {};
      return stateFrom(body, created.key, { ...extraPart(definition, planned), ...extras });
    },

    async read({ state }) {
      const object = await runtime.client.get(spec, keyOf(state));
      if (!object) return null; // deleted outside Terraform: the next plan creates it again
      const extras = definition.extrasAfterRead?.(object.readOnly, state) ?? {};
      return stateFrom(object.body, object.key, { ...extraPart(definition, state), ...extras });
    },

    async update({ prior, planned }, context) {
      const key = keyOf(prior);
      const next = bodyOf(planned);
      await runtime.coordinator.submit(
        (tx: TransactionScope) => tx.replaceIfUnchanged(spec, key, bodyOf(prior), next, { normalize: definition.normalize }),
        { signal: context.signal, description: describe('update', planned) },
      );
      return stateFrom(next, key, { ...extraPart(definition, prior), ...extraPart(definition, planned, true) });
    },

    async delete({ prior }, context) {
      const key = keyOf(prior);
      await runtime.coordinator.submit((tx) => tx.deleteIfUnchanged(spec, key, bodyOf(prior), { normalize: definition.normalize }), {
        signal: context.signal,
        description: describe('delete', prior),
      });
    },

    async importState(id) {
      if (/^-\d+$/.test(id)) {
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

/** Extra attributes carried over from a value (unknowns dropped when `knownOnly`). */
function extraPart<Body>(definition: ModelResourceDefinition<Body>, value: ObjectValue, knownOnly = false): ObjectValue {
  const extras: ObjectValue = {};
  for (const name of Object.keys(definition.extraAttributes ?? {})) {
    const item = value[name] ?? null;
    if (knownOnly && (item === null || item instanceof Unknown)) continue;
    extras[name] = item;
  }
  return extras;
}

/**
 * A model issue as a diagnostic on the attribute. Terraform locates a diagnostic in the
 * configuration only by its top-level attribute (a deeper path into an object value makes it fall
 * back to the whole block), so the path stops there; the detail names the full field path.
 */
function issueDiagnostic(kind: string, issue: FieldIssue, attributes: Readonly<Record<string, Attribute>>): Diagnostic {
  const field = formatFieldPath(issue.path);
  const top = issue.path[0];
  const path = typeof top === 'string' && top in attributes ? [top] : [];
  return errorDiagnostic(`Invalid ${kind}: ${field}`, `${field}: ${issue.message}`, path);
}
