/**
 * The body of a full-replace PUT that keeps what the provider does not manage. The appliance
 * removes every field a PUT leaves out, so an update built only from the model would erase fields
 * that a newer firmware added or an administrator set. As real clients do (read, change the
 * body, PUT it back), the managed fields are laid over the object as read inside the transaction.
 *
 * A field is managed when the model knows it at that place: it appears in the body as the model
 * parsed it. Every other field of the object as read survives, at every object level. Inside
 * lists the managed list replaces the read one as a whole (elements have no identity to match).
 * Read-only fields (an API client's client_id) are left out: the appliance ignores them.
 */
export function overlayManagedFields(read: unknown, managedAsRead: unknown, next: unknown, readOnlyFields: readonly string[] = []): unknown {
  if (!isPlainObject(read) || !isPlainObject(managedAsRead) || !isPlainObject(next)) return next;
  const body: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(read)) {
    if (!(field in managedAsRead) && !readOnlyFields.includes(field)) body[field] = value;
  }
  for (const [field, value] of Object.entries(next)) {
    body[field] = field in read && field in managedAsRead ? overlayManagedFields(read[field], managedAsRead[field], value) : value;
  }
  return body;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
