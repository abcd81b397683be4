import { Token } from 'cdktf';
import type { Construct } from 'constructs';
import { checkPartialBody, formatFieldPath, type Kind, NOT_KNOWN_YET, type PartialBody } from '../model';
import { ValidationError } from './errors';

/**
 * Synth-time validation with the same zod model the provider and the simulator use, so a mistake
 * fails `cdktf synth` with the construct path and field instead of a later `terraform plan`.
 * Tokens (values only Terraform resolves, e.g. a lookup's key) are values not known yet: checks
 * that depend on them are left to plan time.
 */
export function validateAtSynth(construct: Construct, kind: Kind, bindingConfig: object): void {
  const { issues } = checkPartialBody(kind.strictSchema, kind.toApi(partialBodyOf(bindingConfig)) as PartialBody);
  if (issues.length === 0) return;
  // Named as the user wrote them (attribute names: a time policy's `mon`, not the body's `Mon`).
  const lines = issues.map((issue) => `  ${formatFieldPath(kind.attributePath(issue.path))}: ${issue.message}`);
  throw new ValidationError(`invalid ${kind.kind}:\n${lines.join('\n')}`, construct);
}

/** Binding props (camelCase, undefined where unset, tokens) → attribute names (snake_case, tokens as not known yet). */
function partialBodyOf(value: unknown): PartialBody {
  if (value === undefined || value === null) return value;
  if (typeof value === 'string' || typeof value === 'number') return Token.isUnresolved(value) ? NOT_KNOWN_YET : value;
  if (typeof value === 'boolean') return value;
  if (Token.isUnresolved(value)) return NOT_KNOWN_YET;
  if (Array.isArray(value)) return value.map(partialBodyOf);
  return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([key, item]) => [snakeCase(key), partialBodyOf(item)]));
}

function snakeCase(name: string): string {
  return name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}
