import { checkPartialBody, type FieldIssue, type Kind, NOT_KNOWN_YET, type PartialBody } from '../../model';
import { BigNumberValue, type CtyType, type CtyValue, DynamicValueOf, UNKNOWN, Unknown } from '../../plugin/cty/types';
import { fromApiBody, type JsonValue } from './api-body';

/**
 * Plan-time use of the kind's description: validation with field paths, and the values the
 * appliance will store for fields the configuration leaves out. The model's defaults are the only
 * place defaults are written, so the plan shows exactly what the appliance will hold, and a later
 * change made outside Terraform shows up as drift instead of hiding behind a null.
 */

export interface KindCheck {
  /** What the appliance will store, attribute-named (defaults filled in); absent when invalid or not all known. */
  readonly stored?: JsonValue;
  /** Problems, with attribute paths; problems at or below values not known yet are left out. */
  readonly issues: FieldIssue[];
  /** Some values are not known yet (so `stored` is absent and the checks on them wait for apply). */
  readonly hasUnknowns: boolean;
}

/** Validates a Terraform value (attribute-named, only the kind's fields) against the kind's strict schema. */
export function checkAgainstKind(kind: Kind, value: CtyValue): KindCheck {
  const check = checkPartialBody(kind.strictSchema, kind.toApi(partialBodyOf(value)) as PartialBody);
  const issues = check.issues.map((issue) => ({ ...issue, path: kind.attributePath(issue.path) }));
  return { issues, hasUnknowns: check.hasUnknowns, stored: check.body === undefined ? undefined : (kind.fromApi(check.body) as JsonValue) };
}

/** A Terraform value as the model's partial body: unknowns are values not known yet. */
function partialBodyOf(value: CtyValue): PartialBody {
  if (value instanceof Unknown) return NOT_KNOWN_YET;
  if (value instanceof BigNumberValue) return Number(value.text);
  if (value instanceof DynamicValueOf) return partialBodyOf(value.value);
  if (Array.isArray(value)) return value.map(partialBodyOf);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, partialBodyOf(item)]));
  return value;
}

/**
 * The planned value: the configuration, with every attribute it leaves null replaced by what the
 * appliance will store (from the model's defaults), or unknown when that cannot be known yet.
 * Only attributes declared optional+computed may differ from the configuration; all optional
 * model attributes of this provider are declared so.
 */
export function planWithModelDefaults(type: CtyType, config: CtyValue, stored: JsonValue | undefined): CtyValue {
  const defaults = stored === undefined ? undefined : fromApiBody(type, stored);
  return fillNulls(type, config, defaults);
}

function fillNulls(type: CtyType, config: CtyValue, filled: CtyValue | undefined): CtyValue {
  if (config instanceof Unknown) return config;
  if (config === null) return filled === undefined ? UNKNOWN : filled;
  if (typeof type === 'string') return config;
  if ('object' in type && typeof config === 'object' && !Array.isArray(config)) {
    const source = config as Record<string, CtyValue>;
    const defaults = filled && typeof filled === 'object' && !Array.isArray(filled) ? (filled as Record<string, CtyValue>) : undefined;
    return Object.fromEntries(
      Object.entries(type.object).map(([key, attributeType]) => [
        key,
        fillNulls(attributeType, source[key] ?? null, defaults ? (defaults[key] ?? null) : undefined),
      ]),
    );
  }
  if (('list' in type || 'set' in type) && Array.isArray(config)) {
    // Sets come sorted from Terraform and the model keeps element order, so elements align by index.
    const element = 'list' in type ? type.list : type.set;
    const defaults = Array.isArray(filled) && filled.length === config.length ? filled : undefined;
    return config.map((item, index) => fillNulls(element, item, defaults ? defaults[index] : undefined));
  }
  return config;
}
