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

  redact(text: string): string {
    let result = text;
    for (const secret of this.secrets) result = result.split(secret).join('[redacted]');
    return result;
  }
}
