/**
 * The body of a full-replace PUT that keeps what the provider does not manage. The appliance
 * removes every field a PUT leaves out, so an update built only from the model would erase fields
 * that a newer firmware added or an administrator set. As real clients do (read, change the
 * body, PUT it back), the managed fields are laid over the object as read.
 *
 * A field is managed when the model knows it at that place: it appears in the body as the model
 * parsed it. Every other field of the object as read survives, at every object level. Inside
 * lists the managed list replaces the read one as a whole (elements have no identity to match).
 * Read-only fields (an API client's client_id) are left out: the appliance ignores them.
 */
export function overlayManagedFields(read: unknown, managedAsRead: unknown, next: unknown, readOnlyFields: readonly string[] = []): unknown {
  return withUnmanagedFields(next, unmanagedFields(read, managedAsRead, readOnlyFields));
}

/**
 * What an object holds besides its managed fields, per object level: the part of a read that an
 * update must send again. Small enough to keep with the Terraform state (usually there is none),
 * so that an update need not read the object again to build its PUT.
 */
export interface UnmanagedFields {
  /** Fields the model does not know at this level, with their values. */
  readonly fields: Readonly<Record<string, unknown>>;
  /** Managed object fields that hold unmanaged fields themselves. */
  readonly inside: Readonly<Record<string, UnmanagedFields>>;
}

/** The unmanaged fields of an object as read (`managedAsRead`: the model's parse of it); undefined when there are none. */
export function unmanagedFields(read: unknown, managedAsRead: unknown, readOnlyFields: readonly string[] = []): UnmanagedFields | undefined {
  if (!isPlainObject(read) || !isPlainObject(managedAsRead)) return undefined;
  const fields: Record<string, unknown> = {};
  const inside: Record<string, UnmanagedFields> = {};
  let found = false;
  for (const [field, value] of Object.entries(read)) {
    if (!Object.hasOwn(managedAsRead, field)) {
      if (readOnlyFields.includes(field)) continue;
      fields[field] = value;
      found = true;
      continue;
    }
    const nested = unmanagedFields(value, managedAsRead[field]);
    if (nested) {
      inside[field] = nested;
      found = true;
    }
  }
  return found ? { fields, inside } : undefined;
}

/** `next` (managed fields only) with `unmanaged` laid under it: the body to PUT. */
export function withUnmanagedFields(next: unknown, unmanaged: UnmanagedFields | undefined): unknown {
  if (!unmanaged || !isPlainObject(next)) return next;
  const body: Record<string, unknown> = { ...unmanaged.fields };
  for (const [field, value] of Object.entries(next)) {
    const nested = Object.hasOwn(unmanaged.inside, field) ? unmanaged.inside[field] : undefined;
    body[field] = nested ? withUnmanagedFields(value, nested) : value;
  }
  return body;
}

/** Whether `value` has the shape of UnmanagedFields (as read back from where it was kept). */
export function isUnmanagedFields(value: unknown): value is UnmanagedFields {
  return isPlainObject(value) && isPlainObject(value.fields) && isPlainObject(value.inside) && Object.values(value.inside).every(isUnmanagedFields);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
