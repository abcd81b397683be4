/**
 * The framework's logic per RPC, in framework terms (schemas, decoded cty values, diagnostics),
 * like terraform-plugin-framework's internal/fwserver. The protocol adapters (../proto6server)
 * decode requests into these calls and encode their answers; nothing here knows protobuf.
 */
import { decodeJson } from '../cty';
import type { CtyType, CtyValue } from '../cty/types';
import { logger } from '../log';
import type { ApplyResponse, CallContext, DataSource, ObjectValue, PlanRequest, Provider, Resource } from './contract';
import { type AttributePathStep, type Diagnostic, DiagnosticsError, diagnosticsFrom, errorDiagnostic } from './diagnostics';
import { planChange, replacementsBetween } from './plan';
import { type Schema, schemaType, withoutWriteOnly, writeOnlyAttributesSet } from './schema';

interface PlanResult {
  readonly planned: ObjectValue;
  readonly requiresReplace: readonly AttributePathStep[][];
  /** Warnings of the resource's own plan, if any. */
  readonly diagnostics?: readonly Diagnostic[];
}

export class FrameworkServer {
  private readonly resources: ReadonlyMap<string, Resource>;
  private readonly dataSources: ReadonlyMap<string, DataSource>;
  private readonly types = new Map<Schema, CtyType>();

  constructor(readonly provider: Provider) {
    this.resources = new Map(provider.resources.map((resource) => [resource.typeName, resource]));
    this.dataSources = new Map(provider.dataSources.map((dataSource) => [dataSource.typeName, dataSource]));
  }

  /** The cty object type of a schema's values (computed once per schema). */
  typeOf(schema: Schema): CtyType {
    let type = this.types.get(schema);
    if (!type) this.types.set(schema, (type = schemaType(schema)));
    return type;
  }

  resource(typeName: string): Resource {
    const resource = this.resources.get(typeName);
    if (!resource) throw new DiagnosticsError([errorDiagnostic('Unknown resource type', `This provider has no resource type "${typeName}".`)]);
    return resource;
  }

  dataSource(typeName: string): DataSource {
    const dataSource = this.dataSources.get(typeName);
    if (!dataSource) throw new DiagnosticsError([errorDiagnostic('Unknown data source', `This provider has no data source "${typeName}".`)]);
    return dataSource;
  }

  async configureProvider(config: ObjectValue, context: CallContext & { terraformVersion: string }): Promise<Diagnostic[]> {
    return (await this.provider.configure(config, context)) ?? [];
  }

  /**
   * Stored state (raw JSON) in the current schema's shape: converted by the resource when it was
   * stored by an older schema version; attributes the schema no longer has are dropped (and new
   * ones start null) rather than failing the refresh.
   */
  upgradeResourceState(resource: Resource, version: number, json: string): CtyValue {
    const current = resource.schema.version ?? 0;
    if (version !== current && resource.upgradeState) return resource.upgradeState(version, JSON.parse(json) as Record<string, unknown>);
    const type = this.typeOf(resource.schema);
    try {
      return decodeJson(type, json);
    } catch {
      const raw = JSON.parse(json) as Record<string, unknown>;
      return decodeJson(type, JSON.stringify(Object.fromEntries(Object.keys(resource.schema.attributes).map((name) => [name, raw[name] ?? null]))));
    }
  }

  /** Terraform's proposal, completed by the framework (defaults, unknowns, plan modifiers) and then by the resource. */
  async planResourceChange(resource: Resource, request: { prior: ObjectValue | null; proposed: ObjectValue; config: ObjectValue }, context: CallContext): Promise<PlanResult> {
    // Write-only values are never planned: a change of one alone is no change of the object. A
    // write-only attribute is never computed, so the framework plans it as proposed: null.
    const framework = planChange(resource.schema, request.prior, withoutWriteOnly(resource.schema, request.proposed), request.config);
    if (!resource.modifyPlan) return framework;
    const warnings: Diagnostic[] = [];
    const planRequest: PlanRequest = { config: request.config, prior: request.prior, planned: framework.planned, warn: (warning) => warnings.push(warning) };
    const planned = withoutWriteOnly(resource.schema, await resource.modifyPlan(planRequest, context));
    return { planned, requiresReplace: replacementsBetween(resource.schema, request.prior, planned), ...(warnings.length > 0 ? { diagnostics: warnings } : {}) };
  }

  /**
   * The resource's own checks, and one of the framework's: a write-only value needs a Terraform
   * that can keep it out of the plan and the state (1.11 or later).
   */
  validateResourceConfig(resource: Resource, config: ObjectValue, writeOnlyAllowed: boolean): Diagnostic[] {
    const diagnostics = resource.validateConfig?.(config) ?? [];
    if (writeOnlyAllowed) return diagnostics;
    return [
      ...diagnostics,
      ...writeOnlyAttributesSet(resource.schema, config).map((name) =>
        errorDiagnostic('Write-only attribute needs Terraform 1.11', `${name} is write-only: only Terraform 1.11 or later keeps its value out of the plan and the state.`, [name]),
      ),
    ];
  }

  /**
   * Create, update or delete, as Terraform's planned state says. The resource answers with the
   * state to record; a resource that throws instead has a bug, and then nothing is assumed to have
   * changed: the prior state stays (none, for a create).
   */
  async applyResourceChange(
    resource: Resource,
    request: { prior: ObjectValue | null; planned: ObjectValue | null; config: ObjectValue; private: Uint8Array },
    context: CallContext,
  ): Promise<ApplyResponse> {
    const { prior, planned, config } = request;
    try {
      if (planned === null) {
        if (prior === null) return { state: null, diagnostics: [] };
        const { diagnostics } = await resource.delete({ prior, private: request.private }, context);
        return { state: diagnostics.some((d) => d.severity === 'error') ? prior : null, diagnostics };
      }
      const response = prior === null ? await resource.create({ planned, config }, context) : await resource.update({ prior, planned, config, private: request.private }, context);
      return { ...response, state: withoutWriteOnly(resource.schema, response.state) };
    } catch (error) {
      logger.error('apply failed', { resource: resource.typeName, error: error instanceof Error ? error.message : String(error) });
      return { state: prior, diagnostics: diagnosticsFrom(error) };
    }
  }
}
