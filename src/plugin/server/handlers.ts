/**
 * The seam between the gRPC transport (src/plugin/server) and the provider framework
 * (src/plugin/framework). The transport decodes each tfplugin6.Provider request with the
 * precompiled protobuf classes and calls the handler named after the RPC; the handler returns a
 * plain object that the transport turns into the response message with `fromObject`.
 *
 * Request objects are the decoded message instances: camelCase field names, bytes as Uint8Array,
 * enums as numbers, int64 as number. A missing handler answers with an empty response message.
 */
export type RpcHandler = (request: any, context: RpcContext) => Promise<Record<string, unknown>>;

export interface RpcContext {
  /** Aborted when Terraform calls StopProvider or the process shuts down. */
  readonly signal: AbortSignal;
}

/** Handlers keyed by tfplugin6.Provider RPC name, e.g. "GetProviderSchema", "PlanResourceChange". */
export type ProviderHandlers = Partial<Record<string, RpcHandler>>;

export interface ServeOptions {
  /**
   * The precompiled protocol messages (src/plugin/proto/generated). Loaded on the first call, not
   * at start-up: Terraform waits for the handshake line, and every millisecond before it counts.
   */
  readonly loadMessages: () => any;
  /**
   * Encoded answers to RPCs whose answer never changes (the schema), computed at build time, so
   * a provider process that Terraform starts only to read the schema loads nothing else.
   */
  readonly precomputed?: Readonly<Record<string, Uint8Array>>;
  /** Called once when Terraform shuts the plugin down (GRPCController.Shutdown), before exit. */
  readonly onShutdown?: () => Promise<void>;
}
