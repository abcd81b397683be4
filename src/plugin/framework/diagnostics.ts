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

const SEVERITY = { error: 1, warning: 2 } as const;

/** tfplugin6.Diagnostic as a plain object for the transport's `fromObject`. */
export function toProtoDiagnostic(diagnostic: Diagnostic): Record<string, unknown> {
  return {
    severity: SEVERITY[diagnostic.severity],
    summary: diagnostic.summary,
    detail: diagnostic.detail ?? '',
    ...(diagnostic.path && diagnostic.path.length > 0 ? { attribute: toProtoAttributePath(diagnostic.path) } : {}),
  };
}

/**
 * Strings are attribute names and numbers are list indexes: this provider's schemas have no map of
 * nested objects, so a path never needs a string element key.
 */
export function toProtoAttributePath(path: readonly AttributePathStep[]): Record<string, unknown> {
  return { steps: path.map((step) => (typeof step === 'number' ? { elementKeyInt: step } : { attributeName: step })) };
}
