/**
 * Provider logs as hclog JSON lines on stderr, which go-plugin parses, so `TF_LOG=debug` (or
 * TF_LOG_PROVIDER) shows them in Terraform's log. stdout belongs to the handshake alone.
 * Callers never pass secrets: messages and fields are written as they are.
 */
const LEVELS = ['trace', 'debug', 'info', 'warn', 'error'] as const;
type Level = (typeof LEVELS)[number];

function threshold(): number {
  const configured = (process.env.TF_LOG_PROVIDER || process.env.TF_LOG || '').toLowerCase();
  const index = LEVELS.indexOf(configured as Level);
  if (index >= 0) return index;
  return configured === 'json' ? 0 : LEVELS.indexOf('warn');
}

// Read by the first line written, not at load: the standalone executable loads this module into
// its start-up snapshot at build time, whose environment is not the one Terraform starts it with.
let minimum: number | undefined;

/** Makes the next line read TF_LOG / TF_LOG_PROVIDER again (at the start of a provider process). */
export function readLogLevel(): void {
  minimum = undefined;
}

function write(level: Level, message: string, fields?: Record<string, unknown>): void {
  minimum ??= threshold();
  if (LEVELS.indexOf(level) < minimum) return;
  // go-plugin takes a line for hclog's only with its exact timestamp layout (microseconds,
  // "2006-01-02T15:04:05.000000Z07:00"); any other is logged raw at DEBUG, its level lost.
  const timestamp = new Date().toISOString().replace(/Z$/, '000Z');
  const line = { '@level': level, '@message': message, '@module': 'sps', '@timestamp': timestamp, ...fields };
  process.stderr.write(JSON.stringify(line) + '\n');
}

export const logger = {
  trace: (message: string, fields?: Record<string, unknown>) => write('trace', message, fields),
  debug: (message: string, fields?: Record<string, unknown>) => write('debug', message, fields),
  info: (message: string, fields?: Record<string, unknown>) => write('info', message, fields),
  warn: (message: string, fields?: Record<string, unknown>) => write('warn', message, fields),
  error: (message: string, fields?: Record<string, unknown>) => write('error', message, fields),
};
