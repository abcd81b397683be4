/** The parts of `terraform show -json <planfile>` the report reads (format 1.x). */
export type Action = 'no-op' | 'create' | 'read' | 'update' | 'delete' | 'forget';

export interface Change {
  actions: Action[];
  before: unknown;
  after: unknown;
  after_unknown?: unknown;
  before_sensitive?: unknown;
  after_sensitive?: unknown;
  importing?: { id?: string };
  replace_paths?: unknown[];
}

export interface ResourceChange {
  address: string;
  type: string;
  name: string;
  mode: 'managed' | 'data';
  change: Change;
  action_reason?: string;
}

export interface PlanJson {
  format_version: string;
  terraform_version?: string;
  resource_changes?: ResourceChange[];
  resource_drift?: ResourceChange[];
  configuration?: { provider_config?: Record<string, { expressions?: Record<string, { constant_value?: unknown }> }> };
}

export function parsePlan(text: string): PlanJson {
  let plan: unknown;
  try {
    plan = JSON.parse(text);
  } catch (error) {
    throw new Error(`the input is not JSON (${(error as Error).message}); pass the output of \`terraform show -json <planfile>\``, { cause: error });
  }
  if (!plan || typeof plan !== 'object' || !('format_version' in plan)) {
    throw new Error('the input is not a Terraform plan: expected the output of `terraform show -json <planfile>` (no format_version)');
  }
  return plan as PlanJson;
}

/** What a change does, in the words the report uses. */
export type Kind = 'create' | 'update' | 'replace' | 'destroy' | 'import' | 'read' | 'no-op';

export function kindOf(change: ResourceChange): Kind {
  const actions = change.change.actions;
  if (actions.includes('delete') && actions.includes('create')) return 'replace';
  if (actions.includes('delete')) return 'destroy';
  if (actions.includes('create')) return 'create';
  if (actions.includes('update')) return 'update';
  if (change.change.importing) return 'import';
  if (actions.includes('read')) return 'read';
  return 'no-op';
}

/** The numbers in Terraform's own "Plan: …" line. */
export interface PlanCounts {
  import: number;
  add: number;
  change: number;
  destroy: number;
}

/**
 * Counts as `terraform plan` does (internal/command/jsonformat/plan.go): a replacement is one add
 * and one destroy, an import is counted apart from whatever else happens to the object.
 */
export function planCounts(plan: PlanJson): PlanCounts {
  const counts: PlanCounts = { import: 0, add: 0, change: 0, destroy: 0 };
  for (const { mode, change } of plan.resource_changes ?? []) {
    if (change.importing) counts.import++;
    if (mode !== 'managed') continue;
    if (change.actions.includes('create')) counts.add++;
    if (change.actions.includes('delete')) counts.destroy++;
    if (change.actions.includes('update')) counts.change++;
  }
  return counts;
}

/** Terraform's wording: "Plan: 1 to import, 3 to add, 1 to change, 2 to destroy." (the import part only when there are imports). */
export function planLine(counts: PlanCounts): string {
  return `Plan: ${counts.import ? `${counts.import} to import, ` : ''}${counts.add} to add, ${counts.change} to change, ${counts.destroy} to destroy.`;
}
