/**
 * The contract between the framework and a provider's resources, data sources and configuration,
 * in the style of terraform-plugin-framework: values are cty values decoded with each schema's
 * type, and create/update/delete answer with the state Terraform must record and diagnostics.
 */
import type { CtyValue } from '../cty/types';
import type { Diagnostic } from './diagnostics';
import type { Schema } from './schema';

/** What every call gets besides its request. */
export interface CallContext {
  /** Aborted when Terraform calls StopProvider (Ctrl-C) or the process shuts down: stop waiting, start no new writes. */
  readonly signal: AbortSignal;
  /**
   * Aborted once, for good, when Terraform first calls StopProvider or shuts the process down:
   * what outlives one call (a configured client, a commit coordinator) listens to this one.
   */
  readonly stopped: AbortSignal;
}

/** An object value as resources see it: every schema attribute present, null where unset. */
export type ObjectValue = { [attribute: string]: CtyValue };

export interface PlanRequest {
  readonly config: ObjectValue;
  /** Null when the object is being created. */
  readonly prior: ObjectValue | null;
  /** The plan so far (defaults, unknowns and plan modifiers applied); return it changed or as is. */
  readonly planned: ObjectValue;
  /** Shows a warning with the plan (errors are thrown, as DiagnosticsError). */
  readonly warn: (warning: Diagnostic) => void;
}

export interface CreateRequest {
  readonly planned: ObjectValue;
  readonly config: ObjectValue;
}

export interface UpdateRequest {
  readonly prior: ObjectValue;
  readonly planned: ObjectValue;
  readonly config: ObjectValue;
  /** What the last read kept with the prior state (ReadResponse.private); empty when nothing. */
  readonly private: Uint8Array;
}

export interface DeleteRequest {
  readonly prior: ObjectValue;
  /** What the last read kept with the prior state (ReadResponse.private); empty when nothing. */
  readonly private: Uint8Array;
}

export interface ReadRequest {
  readonly state: ObjectValue;
  /** What the last read kept with the state; empty when nothing. */
  readonly private: Uint8Array;
}

export interface ReadResponse {
  /** Null when the object no longer exists, so Terraform plans to create it again. */
  readonly state: ObjectValue | null;
  /**
   * Bytes Terraform keeps with the state without showing them (protocol 6's private state), and
   * gives to the next read, update and delete of the object. Absent: what was kept stays.
   */
  readonly private?: Uint8Array;
}

/**
 * What Terraform records after a create or update, even when `diagnostics` holds errors: the
 * resource decides what survives a failure (null after a create = nothing was created).
 */
export interface ApplyResponse {
  readonly state: ObjectValue | null;
  readonly diagnostics: readonly Diagnostic[];
}

export interface Resource {
  readonly typeName: string;
  readonly schema: Schema;
  /** Checks beyond the schema; config may hold unknown values. Runs before the provider is configured. */
  validateConfig?(config: ObjectValue): Diagnostic[];
  /** Adjusts the plan, e.g. to show values the appliance will fill in. */
  modifyPlan?(request: PlanRequest, context: CallContext): ObjectValue | Promise<ObjectValue>;
  create(request: CreateRequest, context: CallContext): Promise<ApplyResponse>;
  read(request: ReadRequest, context: CallContext): Promise<ReadResponse>;
  update(request: UpdateRequest, context: CallContext): Promise<ApplyResponse>;
  /** Throws (or returns error diagnostics) when the object could not be deleted; the prior state stays. */
  delete(request: DeleteRequest, context: CallContext): Promise<{ readonly diagnostics: readonly Diagnostic[] }>;
  /** Returns the state to import (Terraform reads it right after), or throws to refuse. */
  importState?(id: string, context: CallContext): Promise<ObjectValue>;
  /** Converts state stored by an older schema version (raw JSON object) to the current schema. */
  upgradeState?(fromVersion: number, raw: Record<string, unknown>): ObjectValue;
  /** Terraform has upgraded this stored state; in a refresh, it reads the object next. Must not throw. */
  stateUpgraded?(state: ObjectValue): void;
}

export interface DataSource {
  readonly typeName: string;
  readonly schema: Schema;
  validateConfig?(config: ObjectValue): Diagnostic[];
  read(request: { config: ObjectValue }, context: CallContext): Promise<ObjectValue>;
}

export interface Provider {
  /** The provider's type name ("sps"): resource type names start with it. */
  readonly typeName: string;
  readonly schema: Schema;
  readonly resources: readonly Resource[];
  readonly dataSources: readonly DataSource[];
  validateConfig?(config: ObjectValue): Diagnostic[];
  configure(config: ObjectValue, context: CallContext & { terraformVersion: string }): Promise<Diagnostic[] | void>;
  /** Called when Terraform shuts the plugin down (log out, close connections). */
  shutdown?(): Promise<void>;
}
