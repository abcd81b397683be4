/**
 * The logger the client writes to. The provider passes one that emits hclog-style JSON on stderr;
 * tests pass a collecting one. Messages and fields never carry credentials (see redaction.ts).
 */
export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/** The default: the client stays silent unless the provider wires a logger in. */
export const silentLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};
