/** Diagnostics as Terraform shows them: severity, summary, detail, and the attribute they concern. */

export type AttributePathStep = string | number;

export interface Diagnostic {
  readonly severity: 'error' | 'warning';
  readonly summary: string;
  readonly detail?: string;
  /** Attribute names and list indexes, e.g. ["server_address", "domains", 0, "port"]. */
  readonly path?: readonly AttributePathStep[];
}

/** Throw from any resource method to report diagnostics instead of a generic error. */
export class DiagnosticsError extends Error {
  constructor(readonly diagnostics: readonly Diagnostic[]) {
    super(diagnostics.map((d) => d.summary + (d.detail ? `: ${d.detail}` : '')).join('; '));
    this.name = 'DiagnosticsError';
  }
}

export function errorDiagnostic(summary: string, detail?: string, path?: readonly AttributePathStep[]): Diagnostic {
  return { severity: 'error', summary, detail, path };
}

/** Any thrown value as diagnostics; only the message is shown (stack traces go to the log). */
export function diagnosticsFrom(error: unknown, summary = 'SPS provider error'): Diagnostic[] {
  if (error instanceof DiagnosticsError) return [...error.diagnostics];
  const message = error instanceof Error ? error.message : String(error);
  return [errorDiagnostic(summary, message)];
}
