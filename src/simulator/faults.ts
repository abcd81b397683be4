/** Faults injected for tests: the next N matching requests fail in a chosen way. */
export type FaultKind = 'status' | 'retry-after' | 'drop' | 'delay' | 'reject-commit' | 'impostor';

export interface FaultSpec {
  kind: FaultKind;
  /** How many matching requests (commits, for reject-commit) it affects. Default 1. */
  count?: number;
  /** Only requests with this method / whose path starts with this prefix. */
  method?: string;
  path?: string;
  /** For 'status': the status to answer (default 503); for 'impostor' (default 200). */
  status?: number;
  /**
   * For 'impostor', something that is not the appliance answering (a captive portal, a proxy's
   * error page): the answer's Content-Type (default "text/html; charset=utf-8") and body (default
   * "<html>captive portal</html>").
   */
  contentType?: string;
  body?: string;
  /**
   * For 'impostor': the request reaches the appliance and is handled, and only its answer is
   * replaced (default false: the appliance never sees the request).
   */
  handled?: boolean;
  /** For 'retry-after': seconds in the Retry-After header (default 1). */
  retryAfterSeconds?: number;
  /** For 'delay': milliseconds to wait before handling the request. */
  delayMs?: number;
}

export class FaultInjector {
  private readonly faults: Array<FaultSpec & { remaining: number }> = [];

  inject(spec: FaultSpec): void {
    this.faults.push({ ...spec, remaining: spec.count ?? 1 });
  }

  clear(): void {
    this.faults.length = 0;
  }

  /** The fault that applies to this request, consumed; commits are checked separately. */
  take(method: string, path: string, kinds: readonly FaultKind[]): FaultSpec | undefined {
    const index = this.faults.findIndex(
      (f) => f.remaining > 0 && kinds.includes(f.kind) && (!f.method || f.method.toUpperCase() === method) && (!f.path || path.startsWith(f.path)),
    );
    if (index < 0) return undefined;
    const fault = this.faults[index];
    if (--fault.remaining === 0) this.faults.splice(index, 1);
    return fault;
  }
}
