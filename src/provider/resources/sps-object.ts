import * as z from 'zod';
import { overlayManagedFields } from '../../client/overlay';
import { type CollectionSpec, collectionByPath, configurationPathProblem, isBuiltinKey, isObjectKey } from '../../model';
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
  type PlanRequest,
  type ReadRequest,
  type ReadResponse,
  type Resource,
  type Schema,
  type UpdateRequest,
} from '../../plugin/framework';
import type { ProviderRuntime } from '../runtime';
import { LockWaitWarnings } from './kind-resource';
import { type JsonObject, merge, normalizedJson, overlaps, parseJsonObject, project, sameJson } from './json-document';

const TYPE_NAME = 'sps_object';
const CONFIGURATION = '/api/configuration/';

const DOC =
  'Any object of the SPS configuration REST API that has no typed resource yet (LDAP servers, content policies, settings policies, ' +
  'options), as JSON, in the manner of azapi\'s `azapi_resource`: `path` names the collection, `body` is the object ' +
  '(`jsonencode({ … })`, with the REST body\'s field names as the SPS REST API Reference Guide shows them), and `id` is the key the ' +
  'appliance gives it. Prefer a typed resource where there is one: it validates every field at plan, keeps names unique and checks ' +
  'references.\n\n' +
  '**Only the keys you set are managed.** A create sends `body`; an update reads the object inside the transaction, lays `body` over it ' +
  '(objects key by key at every level, lists whole) and PUTs the result, so fields you do not set keep what the appliance or an ' +
  'administrator gave them. Plans and drift concern only the keys you set: a refresh reads back their current values (compared by ' +
  'meaning, so key order and whitespace never show as a change), and a change made by hand to another field is kept and not shown. ' +
  'Before an update or a delete, the managed keys are compared with the appliance, and the apply fails instead of overwriting a ' +
  'change made since the plan. Removing a key from `body` stops managing it and leaves its value on the appliance; to clear a field, ' +
  'set it (e.g. to `null`) instead. Writes share the transaction, group commit and configuration-lock wait of every other resource.\n\n' +
  '**Singletons.** Options endpoints that are one object and accept only GET and PUT (e.g. `/api/configuration/ssh/options`) take ' +
  '`singleton = true`, with `path` naming the object itself: the create reads it, lays `body` over it and PUTs it, and `id` is the path.\n\n' +
  '~> **Destroying a singleton only removes it from the state.** Nothing is deleted or reset on the appliance: it keeps the values ' +
  'Terraform last wrote.\n\n' +
  '**Secrets.** Put secrets (e.g. an LDAP bind password) in `sensitive_body`, a second JSON document merged over `body` whenever the ' +
  'object is written and hidden in plan output. The appliance may not return secrets (or returns a reference to a password object ' +
  'instead), so the provider never reports drift on `sensitive_body`: change its value to write it again. Terraform keeps it in the ' +
  'state, in clear text like every sensitive value: protect the state.\n\n' +
  '**Not checked.** The provider does not know these objects\' fields: `body` is validated by the appliance when it is written (or ' +
  'committed). References inside it (keys of other objects) are not checked at plan, and names are not kept unique (typed resources ' +
  'do both): keep names unique yourself, since data sources and channel policies find objects by name.\n\n' +
  'Import a collection\'s object with `<path>/<key>`, a singleton with its path (or use an `import` block, with ' +
  '`-generate-config-out` to have Terraform write `body` from what the appliance holds). An imported object\'s state holds every field ' +
  'the appliance returns until the first apply that changes it; plans compare only the keys `body` sets. Review what an import wrote: a ' +
  'secret the appliance returns lands in `body` (and the state) like any field, so move it to `sensitive_body`.';

const ATTRIBUTES: Readonly<Record<string, Attribute>> = {
  id: {
    type: 'string',
    computed: true,
    description: 'The object\'s key on the appliance, to use wherever another object references it; for a singleton, its path.',
    planModifiers: ['useStateForUnknown'],
  },
  path: {
    type: 'string',
    required: true,
    planModifiers: ['requiresReplace'],
    description:
      'The collection the object belongs to (e.g. `/api/configuration/policies/ldap_servers`), or with `singleton = true` the object itself ' +
      '(e.g. `/api/configuration/ssh/options`). Must be under `/api/configuration/`, without a trailing slash, query string, percent-encoding ' +
      'or `.`/`..` segments. Changing it replaces the object.',
  },
  singleton: {
    type: 'bool',
    optional: true,
    computed: true,
    default: false,
    planModifiers: ['requiresReplace'],
    description: '`path` is one object that is only read and replaced (GET and PUT), not a collection. Destroy forgets it and changes nothing on the appliance. Default `false`.',
  },
  body: {
    type: 'string',
    required: true,
    description: 'The object, or the part of it you manage, as a JSON object (`jsonencode({ … })`); see above for what is kept and what is compared.',
  },
  sensitive_body: {
    type: 'string',
    optional: true,
    sensitive: true,
    description: 'Secrets, as a JSON object merged over `body` whenever the object is written, and never shown in plan output. A field may be set in `body` or here, not in both. Drift is not reported on it.',
  },
};

/**
 * The resource `sps_object`: a generic object as JSON, for everything without a typed resource.
 * Only the keys the configuration sets are managed; see DOC.
 */
export class SpsObjectResource implements Resource {
  readonly typeName = TYPE_NAME;
  readonly schema: Schema = { description: DOC, attributes: ATTRIBUTES };
  /** Whether a path is a collection (or, for a singleton, an object) on the appliance: asked once per process. */
  private readonly endpoints = new Map<string, Promise<EndpointMismatch | undefined>>();

  constructor(private readonly runtime: ProviderRuntime) {}

  validateConfig(config: ObjectValue): Diagnostic[] {
    const diagnostics: Diagnostic[] = [];
    if (typeof config.path === 'string') {
      const problem = configurationPathProblem(config.path);
      if (problem) diagnostics.push(errorDiagnostic('Invalid sps_object path', `${problem}.`, ['path']));
      else {
        const typed = typedResourceAt(config.path);
        if (typed) {
          diagnostics.push({
            severity: 'warning',
            summary: `Use ${typed} for ${config.path}`,
            detail:
              `path "${config.path}" is the collection of ${typed}, a typed resource, which validates every field at plan, keeps names unique and ` +
              `checks references. sps_object does none of this; use it only for objects without a typed resource.`,
            path: ['path'],
          });
        }
      }
    }
    const body = typeof config.body === 'string' ? parseJsonObject(config.body) : undefined;
    if (body && 'problem' in body) diagnostics.push(errorDiagnostic('Invalid sps_object body', `body ${body.problem}.`, ['body']));
    const secret = typeof config.sensitive_body === 'string' ? parseJsonObject(config.sensitive_body, true) : undefined;
    if (secret && 'problem' in secret) diagnostics.push(errorDiagnostic('Invalid sps_object sensitive_body', `sensitive_body ${secret.problem}.`, ['sensitive_body']));
    if (body && 'value' in body && secret && 'value' in secret) {
      const both = overlaps(body.value, secret.value);
      if (both.length > 0) {
        diagnostics.push(
          errorDiagnostic('Field set twice in sps_object', `body and sensitive_body both set ${both.map((p) => `"${p}"`).join(', ')}: set each field in one of them (secrets in sensitive_body).`, ['sensitive_body']),
        );
      }
    }
    return diagnostics;
  }

  async modifyPlan({ config, prior, planned }: PlanRequest): Promise<ObjectValue> {
    const result = { ...planned };
    if (prior !== null) {
      // The prior text stays when it means what the configuration says: no diff from key order, whitespace, or (after an import) fields not managed.
      if (manages(prior.body, config.body)) result.body = prior.body;
      if (typeof prior.sensitive_body === 'string' && typeof config.sensitive_body === 'string' && sameDocument(prior.sensitive_body, config.sensitive_body)) {
        result.sensitive_body = prior.sensitive_body;
      }
      if (ctyEqual(prior, result)) return result;
    }
    this.runtime.plannedChanges.planned();
    try {
      // A plan that will change the appliance checks now what the apply would only find out after the merge.
      await this.runtime.verifyConnection();
      if (prior === null && typeof result.path === 'string') {
        const problem = await this.endpointProblem(result.path, result.singleton === true);
        if (problem) throw new DiagnosticsError([errorDiagnostic('Invalid sps_object path', problem, ['path'])]);
      }
    } catch (error) {
      this.runtime.plannedChanges.settled();
      throw error;
    }
    return result;
  }

  async create({ planned }: CreateRequest, context: CallContext): Promise<ApplyResponse> {
    const { path, singleton } = target(planned);
    const body = documentOf(planned.body);
    const sent = merge(body, documentOf(planned.sensitive_body)) as JsonObject;
    const spec = genericSpec(path, singleton, body);
    const waits = new LockWaitWarnings();
    this.runtime.plannedChanges.settled();
    let key: string;
    try {
      key = await this.runtime.submit(
        async (tx) => {
          if (!singleton) return (await tx.create(spec, sent)).key;
          const current = await tx.get(spec, lastSegment(path));
          if (!current) throw new DiagnosticsError([errorDiagnostic('Cannot create sps_object', `The appliance has no object at ${path} (404); check the path, and whether this firmware has that endpoint.`, ['path'])]);
          const next = overlayManagedFields(current.raw, sent, sent);
          // Nothing to write when the appliance already holds it: no write, no commit.
          if (!sameJson(next, current.raw)) await tx.replace(spec, lastSegment(path), next as JsonObject);
          return path;
        },
        { signal: context.signal, description: describe('create', planned), onWarning: waits.add },
      );
    } catch (error) {
      return { state: null, diagnostics: [...waits.diagnostics, ...diagnosticsFrom(error)] };
    }
    return { state: { ...planned, id: key }, diagnostics: waits.diagnostics };
  }

  async read({ state }: ReadRequest): Promise<ReadResponse> {
    const { path, singleton } = target(state);
    const managed = documentOf(state.body);
    const object = await this.runtime.client.get(genericSpec(path, singleton, managed), objectKey(state));
    if (!object) return { state: null }; // deleted outside Terraform: the next plan creates it again
    // Only the managed keys' values come back; the state's own text stays while it means the same.
    const body = sameJson(object.body, managed) ? state.body : normalizedJson(object.body);
    return { state: { ...state, body } };
  }

  async update({ prior, planned }: UpdateRequest, context: CallContext): Promise<ApplyResponse> {
    const { path, singleton } = target(prior);
    const key = objectKey(prior);
    const before = documentOf(prior.body);
    const next = documentOf(planned.body);
    const sent = merge(next, documentOf(planned.sensitive_body));
    // Reads cover every key managed before or after, so a lost commit answer is checked on all that was written.
    const spec = genericSpec(path, singleton, merge(before, next));
    const waits = new LockWaitWarnings();
    this.runtime.plannedChanges.settled();
    try {
      await this.runtime.submit(
        async (tx) => {
          const current = await tx.assertUnchanged(spec, key, before, 'update', { normalize: (body) => project(body, before) });
          await tx.replace(spec, key, overlayManagedFields(current.raw, sent, sent) as JsonObject);
        },
        { signal: context.signal, description: describe('update', planned), onWarning: waits.add },
      );
    } catch (error) {
      return { state: prior, diagnostics: [...waits.diagnostics, ...diagnosticsFrom(error)] };
    }
    return { state: { ...planned, id: prior.id }, diagnostics: waits.diagnostics };
  }

  async delete({ prior }: DeleteRequest, context: CallContext): Promise<{ diagnostics: Diagnostic[] }> {
    const { path, singleton } = target(prior);
    if (singleton) return { diagnostics: [] }; // a singleton cannot be deleted: forgetting it is all a destroy does
    const before = documentOf(prior.body);
    const waits = new LockWaitWarnings();
    try {
      await this.runtime.submit((tx) => tx.deleteIfUnchanged(genericSpec(path, false, before), objectKey(prior), before, { normalize: (body) => project(body, before) }), {
        signal: context.signal,
        description: describe('delete', prior),
        onWarning: waits.add,
      });
      return { diagnostics: waits.diagnostics };
    } catch (error) {
      return { diagnostics: [...waits.diagnostics, ...diagnosticsFrom(error)] };
    }
  }

  async importState(id: string): Promise<ObjectValue> {
    const { path, key } = parseImportId(id);
    const singleton = key === null;
    if (key !== null && isBuiltinKey(key)) {
      throw new DiagnosticsError([
        errorDiagnostic('Cannot import a built-in object', `The object with key "${key}" in ${path} is one of the appliance's built-in defaults (negative keys), which are read-only and cannot be managed by Terraform.`),
      ]);
    }
    const problem = await this.endpointProblem(path, singleton, true);
    if (problem) throw new DiagnosticsError([errorDiagnostic(`Cannot import ${TYPE_NAME}`, problem)]);
    const object = await this.runtime.client.get(genericSpec(path, singleton, undefined), key ?? lastSegment(path));
    if (!object) throw new DiagnosticsError([errorDiagnostic(`Cannot import ${TYPE_NAME}`, `The appliance has no object at ${path}${singleton ? '' : `/${key}`}.`)]);
    return { id: singleton ? path : object.key, path, singleton, body: normalizedJson(object.body), sensitive_body: null };
  }

  /** Why `path` is not what the configuration (or an import ID) says it is, asked once per process. */
  private async endpointProblem(path: string, singleton: boolean, importing = false): Promise<string | undefined> {
    const id = `${singleton}:${path}`;
    let answer = this.endpoints.get(id);
    if (!answer) {
      answer = checkEndpoint(this.runtime, path, singleton);
      this.endpoints.set(id, answer);
      answer.catch(() => this.endpoints.delete(id));
    }
    const mismatch = await answer;
    return mismatch && mismatchMessage(path, mismatch, importing);
  }
}

/** What `path` is on the appliance, when it is not what the configuration says (a collection, or with `singleton` one object). */
type EndpointMismatch = 'missing' | 'collection' | 'object';

async function checkEndpoint(runtime: ProviderRuntime, path: string, singleton: boolean): Promise<EndpointMismatch | undefined> {
  // Loaded only once the provider talks to the appliance (see provider.ts).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { ApplianceError, UnexpectedResponseError } = require('../../client') as typeof import('../../client');
  const spec = genericSpec(path, singleton, undefined);
  try {
    if (singleton) return (await runtime.client.get(spec, lastSegment(path))) === null ? 'missing' : undefined;
    await runtime.client.list(spec);
    return undefined;
  } catch (error) {
    if (error instanceof UnexpectedResponseError) return singleton ? 'collection' : 'object';
    if (error instanceof ApplianceError && error.status === 404) return 'missing';
    throw error;
  }
}

function mismatchMessage(path: string, mismatch: EndpointMismatch, importing: boolean): string {
  switch (mismatch) {
    case 'missing':
      return `path "${path}" does not exist on the appliance (404): check it against the SPS REST API Reference Guide.`;
    case 'collection':
      return importing
        ? `path "${path}" is a collection on the appliance: import one of its objects as ${path}/<key>.`
        : `path "${path}" is a collection on the appliance, not one object: remove singleton = true (the object's key comes from the create).`;
    case 'object':
      return `path "${path}" is one object on the appliance, not a collection: set singleton = true to manage it${importing ? ', and import it by its path' : ''}.`;
  }
}

/**
 * The client's view of a generic collection (or singleton): bodies are any JSON object, read as
 * the part that `managed` names (all of it when undefined), so the lost-update check, the reads and
 * the check of a commit whose answer was lost all concern the managed keys only.
 */
export function genericSpec(path: string, singleton: boolean, managed: unknown): CollectionSpec<JsonObject> {
  const schema = z.record(z.string(), z.unknown()).transform((body) => (managed === undefined ? body : (project(body, managed) as JsonObject)));
  return { kind: singleton ? `object at ${path}` : `object in ${path}`, path, schema, strictSchema: schema, references: () => [], builtins: [], singleton };
}

/** The name of the typed resource whose collection `path` is, if any. */
function typedResourceAt(path: string): string | undefined {
  const kind = collectionByPath(path);
  return kind?.managed ? `sps_${kind.id}` : undefined;
}

/** `<path>/<key>` for a collection's object, `<path>` for a singleton (its last segment is no key). */
function parseImportId(id: string): { path: string; key: string | null } {
  const shown = JSON.stringify(id.length > 120 ? `${id.slice(0, 120)}…` : id);
  const usage = 'The import ID is <path>/<key> for an object of a collection (e.g. /api/configuration/policies/ldap_servers/20088200245706af301b1ba), or the path of a singleton (e.g. /api/configuration/ssh/options).';
  const refuse = (why: string) => new DiagnosticsError([errorDiagnostic(`Invalid import ID for ${TYPE_NAME}`, `${why}. ${usage}`)]);
  const whole = configurationPathProblem(id);
  if (whole) throw refuse(`The import ID ${shown} is not valid: ${whole}`);
  const key = lastSegment(id);
  if (!isObjectKey(key)) return { path: id, key: null };
  const path = id.slice(0, id.length - key.length - 1);
  if (path.length < CONFIGURATION.length) throw refuse(`The import ID ${shown} names no collection before the key "${key}"`);
  return { path, key };
}

function lastSegment(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

function target(value: ObjectValue): { path: string; singleton: boolean } {
  if (typeof value.path !== 'string') throw new Error('the sps_object has no path in the Terraform state');
  return { path: value.path, singleton: value.singleton === true };
}

function objectKey(value: ObjectValue): string {
  if (value.singleton === true) return lastSegment(target(value).path);
  if (typeof value.id !== 'string' || value.id === '') throw new Error('the sps_object has no key in the Terraform state');
  return value.id;
}

/** A document of a plan or state (checked at validation): null is the empty document. */
function documentOf(value: unknown): JsonObject {
  if (value === null || value === undefined) return {};
  if (typeof value !== 'string') throw new Error('the sps_object document is not known at apply');
  const parsed = parseJsonObject(value, true);
  if ('problem' in parsed) throw new Error(`the sps_object document ${parsed.problem}`);
  return parsed.value;
}

function sameDocument(a: string, b: string): boolean {
  const [x, y] = [parseJsonObject(a, true), parseJsonObject(b, true)];
  return 'value' in x && 'value' in y && sameJson(x.value, y.value);
}

/** Whether the prior body holds what the configured one sets, with the same values (it may hold more: after an import, every field). */
function manages(prior: unknown, config: unknown): boolean {
  if (typeof prior !== 'string' || typeof config !== 'string') return false;
  const [before, wanted] = [parseJsonObject(prior, true), parseJsonObject(config, true)];
  return 'value' in before && 'value' in wanted && sameJson(project(before.value, wanted.value), wanted.value);
}

function describe(verb: string, value: ObjectValue): string {
  return `${verb} ${TYPE_NAME} ${String(value.path ?? '')}${value.singleton === true ? '' : `/${String(value.id ?? '(new)')}`}`;
}
