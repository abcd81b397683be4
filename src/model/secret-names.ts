/**
 * Field names that look like secrets: an LDAP bind password, a key's passphrase, a private key, a
 * token. Where the model does not describe a field (an `sps_object` body, an attribute a plan
 * report does not know), its name is all there is to go by.
 */
export const SECRET_FIELD_NAME = /password|passphrase|secret|token|private_key/i;

/**
 * Whether a field the model does not describe holds a secret: its name looks like one and it holds
 * text or a structure (a flag such as `password_authentication = true` or a number such as
 * `token_lifetime = 3600` does not).
 */
export function isSecretField(name: string, value: unknown): boolean {
  return SECRET_FIELD_NAME.test(name) && (typeof value === 'string' || (value !== null && typeof value === 'object'));
}

/** Whether a secret field (`isSecret`, by default isSecretField) is anywhere inside `value`. */
export function holdsSecretField(value: unknown, isSecret: (name: string, value: unknown) => boolean = isSecretField): boolean {
  if (Array.isArray(value)) return value.some((item) => holdsSecretField(item, isSecret));
  return value !== null && typeof value === 'object' && Object.entries(value).some(([name, item]) => isSecret(name, item) || holdsSecretField(item, isSecret));
}
