import { Token } from 'cdktf';
import type { Construct } from 'constructs';
import { type CollectionSpec, formatFieldPath } from '../model';
import { type CtyValue, UNKNOWN } from '../plugin/cty/types';
import { checkAgainstModel } from '../provider/mapping/model-plan';

/**
 * Synth-time validation with the same zod model the provider and the simulator use, so a mistake
 * fails `cdktf synth` with the construct path and field instead of a later `terraform plan`.
 * Values that are tokens (resolved only by Terraform, e.g. a lookup's id) are treated like
 * Terraform's unknowns: checks that depend on them are left to plan time.
 */
export function validateAtSynth(construct: Construct, spec: CollectionSpec<unknown>, bindingConfig: object): void {
  const { issues } = checkAgainstModel(spec.strictSchema, toModelValue(bindingConfig));
  if (issues.length === 0) return;
  const lines = issues.map((issue) => `  ${formatFieldPath(issue.path)}: ${issue.message}`);
  throw new Error(`${construct.node.path}: invalid ${spec.kind}:\n${lines.join('\n')}`);
}

/** Binding props (camelCase, undefined where unset, tokens) → the model's shape (snake_case, null, unknown). */
function toModelValue(value: unknown): CtyValue {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string' || typeof value === 'number') return Token.isUnresolved(value) ? UNKNOWN : value;
  if (typeof value === 'boolean') return value;
  if (Token.isUnresolved(value)) return UNKNOWN;
  if (Array.isArray(value)) return value.map(toModelValue);
  return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([key, item]) => [snakeCase(key), toModelValue(item)]));
}

function snakeCase(name: string): string {
  return name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}
