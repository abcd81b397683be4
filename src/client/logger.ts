/**
 * The logger the client writes to. The provider passes one that emits hclog-style JSON on stderr;
 * tests pass a collecting one. Messages and fields never carry credentials (see redaction.ts).
 */
export interface Logger {
  /** The finest level, for bulk such as an oversized error answer in full; loggers that keep no trace may leave it out. */
  trace?(message: string, fields?: Record<string, unknown>): void;
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/** The default: the client stays silent unless the provider wires a logger in. */
export const silentLogger: Logger = {
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};
