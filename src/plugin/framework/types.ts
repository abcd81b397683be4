import type { CtyValue } from '../cty/types';
import type { Diagnostic } from './diagnostics';
import type { Schema } from './schema';

/** An object value as resources see it: every schema attribute present, null where unset. */
export type ObjectValue = { [attribute: string]: CtyValue };

export interface CallContext {
  /** Aborted when Terraform calls StopProvider (Ctrl-C): stop waiting, don't start new writes. */
  readonly signal: AbortSignal;
}

export interface PlanRequest {
  readonly config: ObjectValue;
  /** Null when the object is being created. */
  readonly prior: ObjectValue | null;
  /** The plan so far (defaults, unknowns and plan modifiers applied); return it changed or as is. */
  readonly planned: ObjectValue;
}

export interface Resource {
  readonly typeName: string;
  readonly schema: Schema;
  /** Checks beyond the schema; config may hold unknown values. Runs before the provider is configured. */
  validateConfig?(config: ObjectValue): Diagnostic[];
  /** Adjusts the plan, e.g. to show values the appliance will fill in. */
  modifyPlan?(request: PlanRequest, context: CallContext): ObjectValue | Promise<ObjectValue>;
  create(request: { planned: ObjectValue; config: ObjectValue }, context: CallContext): Promise<ObjectValue>;
  /** Returns null when the object no longer exists, so Terraform plans to create it again. */
  read(request: { state: ObjectValue }, context: CallContext): Promise<ObjectValue | null>;
  update(request: { prior: ObjectValue; planned: ObjectValue; config: ObjectValue }, context: CallContext): Promise<ObjectValue>;
  delete(request: { prior: ObjectValue }, context: CallContext): Promise<void>;
  /** Returns the state to import (Terraform reads it right after), or throws to refuse. */
  importState?(id: string, context: CallContext): Promise<ObjectValue>;
  /** Converts state stored by an older schema version (raw JSON object) to the current schema. */
  upgradeState?(fromVersion: number, raw: Record<string, unknown>): ObjectValue;
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
