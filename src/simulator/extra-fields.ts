/**
 * Fields the model does not know, as a newer firmware adds them (or an administrator sets them in
 * the web UI): they are stored inside an object's body, returned by reads, and kept by a PUT only
 * when the PUT sends them again, because a PUT replaces the whole object.
 */
import { invalid } from './errors';

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The fields of `stored` that the model does not know: those missing from `known` (the model's parse), at every object level. */
export function unknownFields(stored: Json, known: Json, ignore: readonly string[] = []): Json {
  const extras: Json = {};
  for (const [field, value] of Object.entries(stored)) {
    if (ignore.includes(field)) continue;
    if (!(field in known)) extras[field] = value;
    else if (isObject(value) && isObject(known[field])) {
      const nested = unknownFields(value, known[field] as Json);
      if (Object.keys(nested).length > 0) extras[field] = nested;
    }
  }
  return extras;
}

/** The part of `extras` that `request` sends again, with the request's values. */
export function extrasSentAgain(extras: Json, request: unknown): Json {
  if (!isObject(request)) return {};
  const kept: Json = {};
  for (const [field, value] of Object.entries(extras)) {
    if (!(field in request)) continue;
    if (isObject(value) && isObject(request[field])) {
      const nested = extrasSentAgain(value, request[field]);
      if (Object.keys(nested).length > 0) kept[field] = nested;
    } else if (!isObject(value)) kept[field] = request[field];
  }
  return kept;
}

/** `extra` merged into `body` (objects merged, anything else replaced). */
export function mergeFields(body: Json, extra: Json): Json {
  const merged: Json = { ...body };
  for (const [field, value] of Object.entries(extra)) merged[field] = isObject(value) && isObject(merged[field]) ? mergeFields(merged[field] as Json, value) : value;
  return merged;
}

/** Checks the control request's fields: only fields the model does not know at their level. */
export function checkNewExtraFields(fields: unknown, known: Json, at = ''): void {
  if (!isObject(fields)) throw invalid('"fields" must be a JSON object of fields the model does not know.');
  for (const [field, value] of Object.entries(fields)) {
    const path = at ? `${at}.${field}` : field;
    if (!(field in known)) continue;
    if (isObject(value) && isObject(known[field])) checkNewExtraFields(value, known[field] as Json, path);
    else throw invalid(`"${path}" is a field the model knows; extra fields are fields a newer firmware adds.`, [{ path, message: 'is a known field' }]);
  }
}
