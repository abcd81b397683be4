/**
 * Keeps credentials out of every message the client produces. Messages are built from method,
 * path, status and the appliance's error fields, none of which should hold a secret; this is the
 * second line of defence in case the appliance echoes one back.
 */
export class SecretRedactor {
  private readonly secrets = new Set<string>();

  /** Registers a value that must never appear in a message (ignores short values that would over-match). */
  add(secret: string | undefined): void {
    if (secret && secret.length >= 4) this.secrets.add(secret);
  }

  /**
   * Registers the credentials of a Basic header: `user:password` in base64, as an appliance
   * echoing the request's Authorization header would show it, and the password itself. The
   * base64 is registered as well percent-encoded, as it appears when echoed inside a URL or form.
   */
  addBasic(user: string, password: string): void {
    this.add(password);
    const encoded = basicCredentials(user, password);
    this.add(encoded);
    this.add(encodeURIComponent(encoded));
  }

  redact(text: string): string {
    let result = text;
    // Longest first, so a secret that contains another is replaced whole rather than in part.
    for (const secret of [...this.secrets].sort((a, b) => b.length - a.length)) result = result.split(secret).join('[redacted]');
    return result;
  }
}

/** The credentials of a Basic Authorization header (RFC 7617): base64 of `user:password`. */
export function basicCredentials(user: string, password: string): string {
  return Buffer.from(`${user}:${password}`).toString('base64');
}
