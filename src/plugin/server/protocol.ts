/**
 * The seam between the gRPC transport and whatever serves the provider, like terraform-plugin-go's
 * `tfprotov6.ProviderServer`: one method per tfplugin6.Provider RPC, taking the decoded request
 * message and returning the response's properties (the transport encodes them). Requests are the
 * precompiled protobuf classes' instances: camelCase fields, bytes as Uint8Array, enums and int64
 * as numbers.
 */
import type { CallContext } from '../framework/contract';
import type { tfplugin6 } from '../proto/generated/messages';

export type { CallContext } from '../framework/contract';
export type { tfplugin6 } from '../proto/generated/messages';

export interface ProviderServer {
  GetMetadata(request: tfplugin6.GetMetadata.Request, context: CallContext): Promise<tfplugin6.GetMetadata.Response.$Properties>;
  GetProviderSchema(request: tfplugin6.GetProviderSchema.Request, context: CallContext): Promise<tfplugin6.GetProviderSchema.Response.$Properties>;
  ValidateProviderConfig(request: tfplugin6.ValidateProviderConfig.Request, context: CallContext): Promise<tfplugin6.ValidateProviderConfig.Response.$Properties>;
  ConfigureProvider(request: tfplugin6.ConfigureProvider.Request, context: CallContext): Promise<tfplugin6.ConfigureProvider.Response.$Properties>;
  StopProvider(request: tfplugin6.StopProvider.Request, context: CallContext): Promise<tfplugin6.StopProvider.Response.$Properties>;
  ValidateResourceConfig(request: tfplugin6.ValidateResourceConfig.Request, context: CallContext): Promise<tfplugin6.ValidateResourceConfig.Response.$Properties>;
  UpgradeResourceState(request: tfplugin6.UpgradeResourceState.Request, context: CallContext): Promise<tfplugin6.UpgradeResourceState.Response.$Properties>;
  ReadResource(request: tfplugin6.ReadResource.Request, context: CallContext): Promise<tfplugin6.ReadResource.Response.$Properties>;
  PlanResourceChange(request: tfplugin6.PlanResourceChange.Request, context: CallContext): Promise<tfplugin6.PlanResourceChange.Response.$Properties>;
  ApplyResourceChange(request: tfplugin6.ApplyResourceChange.Request, context: CallContext): Promise<tfplugin6.ApplyResourceChange.Response.$Properties>;
  ImportResourceState(request: tfplugin6.ImportResourceState.Request, context: CallContext): Promise<tfplugin6.ImportResourceState.Response.$Properties>;
  ValidateDataResourceConfig(request: tfplugin6.ValidateDataResourceConfig.Request, context: CallContext): Promise<tfplugin6.ValidateDataResourceConfig.Response.$Properties>;
  ReadDataSource(request: tfplugin6.ReadDataSource.Request, context: CallContext): Promise<tfplugin6.ReadDataSource.Response.$Properties>;
  GetFunctions(request: tfplugin6.GetFunctions.Request, context: CallContext): Promise<tfplugin6.GetFunctions.Response.$Properties>;
}

export type RpcName = keyof ProviderServer;

/** The RPCs a ProviderServer answers; the transport answers any other with an empty message. */
export const PROVIDER_RPCS: readonly RpcName[] = [
  'GetMetadata',
  'GetProviderSchema',
  'ValidateProviderConfig',
  'ConfigureProvider',
  'StopProvider',
  'ValidateResourceConfig',
  'UpgradeResourceState',
  'ReadResource',
  'PlanResourceChange',
  'ApplyResourceChange',
  'ImportResourceState',
  'ValidateDataResourceConfig',
  'ReadDataSource',
  'GetFunctions',
];

/** The precompiled protocol messages (src/plugin/proto/generated/messages.js). */
export type ProtocolMessages = typeof import('../proto/generated/messages');

export interface ServeOptions {
  /**
   * The precompiled protocol messages. Loaded on the first call, not at start-up: Terraform waits
   * for the handshake line, and every millisecond before it counts.
   */
  readonly loadMessages: () => ProtocolMessages;
  /**
   * Encoded answers to RPCs whose answer never changes (the schema), computed at build time, so
   * a provider process that Terraform starts only to read the schema loads nothing else.
   */
  readonly precomputed?: Readonly<Partial<Record<RpcName, Uint8Array>>>;
  /** Called once when Terraform shuts the plugin down (GRPCController.Shutdown), before exit. */
  readonly onShutdown?: () => Promise<void>;
}
