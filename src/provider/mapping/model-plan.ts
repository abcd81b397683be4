import type { z } from 'zod';
import { type FieldIssue, fieldIssues } from '../../model';
import { type CtyType, type CtyValue, UNKNOWN, Unknown } from '../../plugin/cty/types';
import { fromApiBody, isUnder, type JsonValue, toApiBody, type UnknownSite } from './api-body';

/**
 * Plan-time use of the shared zod model: validation with field paths, and the values the
 * appliance will store for fields the configuration leaves out. The model's defaults are the only
 * place defaults are written, so the plan shows exactly what the appliance will hold, and a later
 * change made outside Terraform shows up as drift instead of hiding behind a null.
 */

export interface ModelCheck<Body> {
  /** The body as the appliance will store it (defaults filled in), when it can be known now. */
  readonly body?: Body;
  /** Problems with their attribute paths; issues below values not known yet are left for later. */
  readonly issues: FieldIssue[];
  /** True when some configured value is not known yet, so the body cannot be complete. */
  readonly hasUnknowns: boolean;
}

/** Validates a Terraform configuration value against a model schema (strict: misplaced fields are errors). */
export function checkAgainstModel<Body>(schema: z.ZodType<Body>, config: CtyValue): ModelCheck<Body> {
  const unknowns: UnknownSite[] = [];
  const candidate = toApiBody(config, unknowns) ?? {};
  const result = schema.safeParse(candidate);
  if (result.success) return { body: result.data, issues: [], hasUnknowns: unknowns.length > 0 };
  const issues = fieldIssues(result.error).filter((issue) => !unknowns.some((site) => isUnder(issue.path, site.path)));
  return { issues, hasUnknowns: unknowns.length > 0 };
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
