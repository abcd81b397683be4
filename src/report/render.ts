import { attributeDiffs, flatten } from './attribute-diff';
import { kindOf, type Kind, type PlanJson, type ResourceChange } from './plan-json';

/** GitHub refuses comments longer than this. */
export const COMMENT_LIMIT = 65_536;

export interface ReportOptions {
  stack: string;
  url?: string;
  commitMessage?: string;
  /** `terraform show` text of the plan; otherwise a text rendering of the JSON is used. */
  planText?: string;
  limit?: number;
}

export interface Report {
  markdown: string;
  hasChanges: boolean;
}

/** "… will be created" in the text plan. */
const PARTICIPLE: Record<Kind, string> = {
  create: 'created',
  update: 'updated in place',
  replace: 'replaced',
  destroy: 'destroyed',
  import: 'imported',
  read: 'read',
  'no-op': 'left unchanged',
};

const VERB: Record<Kind, string> = {
  create: 'create',
  update: 'update in place',
  replace: 'replace',
  destroy: 'destroy',
  import: 'import',
  read: 'read',
  'no-op': 'no change',
};

/** Markdown for a pull-request comment, always under the comment limit. */
export function renderReport(plan: PlanJson, options: ReportOptions): Report {
  const changes = (plan.resource_changes ?? []).filter((c) => c.mode === 'managed' && kindOf(c) !== 'no-op' && kindOf(c) !== 'read');
  const drift = (plan.resource_drift ?? []).filter((c) => c.mode === 'managed');
  const url = safeUrl(options.url ?? constant(plan, 'url'));
  const commitMessage = options.commitMessage ?? constant(plan, 'commit_message');
  if (changes.length === 0 && drift.length === 0) {
    return { hasChanges: false, markdown: `**SPS plan for \`${options.stack}\`${url ? ` on ${url}` : ''}: No changes.** The appliance matches the configuration.\n` };
  }
  const limit = options.limit ?? COMMENT_LIMIT;
  // Shrink the detail until the comment fits; the summary and the warnings are never cut.
  for (const rows of [Infinity, 500, 200, 100, 50, 20, 5]) {
    const markdown = compose(plan, changes, drift, { ...options, url, commitMessage }, rows, limit);
    if (markdown.length <= limit) return { hasChanges: true, markdown };
  }
  const minimal = compose(plan, changes, drift, { ...options, url, commitMessage }, 0, limit);
  return { hasChanges: true, markdown: minimal.slice(0, limit - 200) + '\n\n_… report truncated to fit the comment limit; see the CI log._\n' };
}

function compose(plan: PlanJson, changes: ResourceChange[], drift: ResourceChange[], options: ReportOptions, rows: number, limit: number): string {
  const count = (kind: Kind) => changes.filter((c) => kindOf(c) === kind).length;
  const parts: string[] = [];
  parts.push(`## SPS plan for \`${options.stack}\`${options.url ? ` on ${options.url}` : ''}\n`);
  parts.push(
    `**${count('create')} to add, ${count('update')} to change, ${count('destroy')} to destroy**` +
      `${count('replace') ? `, ${count('replace')} to replace` : ''}${count('import') ? `, ${count('import')} to import` : ''}` +
      `${drift.length ? ` · ${drift.length} changed outside Terraform` : ''}\n`,
  );

  const dangerous = changes.filter((c) => kindOf(c) === 'destroy' || kindOf(c) === 'replace');
  if (dangerous.length) {
    const lines = dangerous.slice(0, Math.max(rows, 20)).map((c) => `> - \`${c.address}\` will be **${kindOf(c) === 'destroy' ? 'destroyed' : 'replaced'}**${replaceReason(c)}`);
    if (dangerous.length > lines.length) lines.push(`> - … ${dangerous.length - lines.length} more not shown; see the CI log`);
    parts.push(`> [!WARNING]\n> This plan destroys or replaces ${dangerous.length} object(s) on the appliance:\n${lines.join('\n')}\n`);
  }

  if (drift.length) {
    parts.push(`### Changed outside Terraform (drift)\n\nThese objects were changed on the appliance (e.g. in the web UI) since the last apply; the plan below sets them back.\n`);
    parts.push(table(drift, rows, (c) => [code(c.address), summarizeDiff(c)]));
  }

  const byType = new Map<string, ResourceChange[]>();
  for (const change of changes) byType.set(change.type, [...(byType.get(change.type) ?? []), change]);
  for (const [type, members] of [...byType].sort(([a], [b]) => a.localeCompare(b))) {
    parts.push(`### \`${type}\` (${members.length})\n`);
    parts.push(table(members, rows, (c) => [code(c.address), VERB[kindOf(c)], summarize(c)], ['address', 'action', 'summary']));
  }

  const updates = changes.filter((c) => kindOf(c) === 'update' || kindOf(c) === 'replace');
  if (updates.length && rows > 0) {
    parts.push('### Attribute changes\n');
    for (const change of updates.slice(0, rows)) {
      const diffs = attributeDiffs(change.change.before, change.change.after, {
        beforeSensitive: change.change.before_sensitive,
        afterSensitive: change.change.after_sensitive,
        afterUnknown: change.change.after_unknown,
      });
      parts.push(`<details><summary><code>${escapeHtml(change.address)}</code> (${VERB[kindOf(change)]}, ${diffs.length} attribute(s))</summary>\n\n| attribute | before | after |\n|---|---|---|\n${diffs.map((d) => `| ${code(d.path)} | ${cell(d.before)} | ${cell(d.after)} |`).join('\n')}\n\n</details>\n`);
    }
    if (updates.length > rows) parts.push(`_… ${updates.length - rows} more updated objects not shown; see the CI log._\n`);
  }

  parts.push(
    `> [!NOTE]\n> Every change is written inside an appliance transaction and committed atomically (changes applied together share one commit; a failed commit is rolled back).` +
      ` Commit message: ${options.commitMessage ? code(options.commitMessage) : '_none set (provider `commit_message` or `SPS_COMMIT_MESSAGE`)_'}.\n`,
  );

  const head = parts.join('\n');
  const text = options.planText ?? planAsText(changes, drift);
  const room = limit - head.length - 200;
  parts.push(details(text, room));
  return parts.join('\n');
}

function details(text: string, room: number): string {
  if (room < 200) return '_The full plan does not fit in a comment; see the CI log._\n';
  let body = text.replace(/```/g, "'''");
  if (body.length > room) {
    const cut = body.lastIndexOf('\n', room - 120);
    body = `${body.slice(0, cut > 0 ? cut : room - 120)}\n… (truncated: the full plan is in the CI log)`;
  }
  return `<details><summary>Full plan</summary>\n\n\`\`\`\n${body}\n\`\`\`\n\n</details>\n`;
}

function table(changes: ResourceChange[], rows: number, columns: (c: ResourceChange) => string[], header = ['address', 'what changed']): string {
  const shown = changes.slice(0, rows);
  const lines = [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...shown.map((c) => `| ${columns(c).join(' | ')} |`)];
  const rest = changes.length - shown.length;
  return `${lines.join('\n')}\n${rest > 0 ? `\n_… ${rest} more not shown; see the CI log._\n` : ''}`;
}

function summarize(change: ResourceChange): string {
  const kind = kindOf(change);
  const values = (kind === 'destroy' ? change.change.before : change.change.after) as Record<string, unknown> | null;
  const name = values && typeof values.name === 'string' ? `name ${code(values.name)}` : '';
  if (kind === 'update' || kind === 'replace') return [name, summarizeDiff(change)].filter(Boolean).join('; ');
  if (kind === 'import') return `${name}${change.change.importing?.id ? ` from key ${code(change.change.importing.id)}` : ''}`;
  return name;
}

function summarizeDiff(change: ResourceChange): string {
  const diffs = attributeDiffs(change.change.before, change.change.after, {
    beforeSensitive: change.change.before_sensitive,
    afterSensitive: change.change.after_sensitive,
    afterUnknown: change.change.after_unknown,
  });
  const top = [...new Set(diffs.map((d) => d.path.split(/[.[]/)[0]))];
  return top.length ? `changes ${top.slice(0, 6).map(code).join(', ')}${top.length > 6 ? ', …' : ''}` : '';
}

function replaceReason(change: ResourceChange): string {
  const paths = (change.change.replace_paths ?? []).map((p) => (Array.isArray(p) ? p.join('.') : String(p)));
  return paths.length ? ` (because of ${paths.map(code).join(', ')})` : '';
}

/** A plain-text plan for the collapsed block, when `terraform show` text was not given. */
function planAsText(changes: ResourceChange[], drift: ResourceChange[]): string {
  const lines: string[] = [];
  for (const change of drift) lines.push(`# ${change.address} has changed outside Terraform`);
  for (const change of changes) {
    lines.push(`# ${change.address} will be ${PARTICIPLE[kindOf(change)]}`);
    const kind = kindOf(change);
    if (kind === 'create' || kind === 'import') {
      for (const [path, value] of flatten(change.change.after, change.change.after_sensitive, change.change.after_unknown)) lines.push(`  + ${path} = ${value}`);
    } else if (kind === 'destroy') {
      lines.push('  - (whole object)');
    } else {
      for (const d of attributeDiffs(change.change.before, change.change.after, { beforeSensitive: change.change.before_sensitive, afterSensitive: change.change.after_sensitive, afterUnknown: change.change.after_unknown })) {
        lines.push(`  ~ ${d.path}: ${d.before} -> ${d.after}`);
      }
    }
  }
  return lines.join('\n');
}

function constant(plan: PlanJson, attribute: string): string | undefined {
  const value = plan.configuration?.provider_config?.sps?.expressions?.[attribute]?.constant_value;
  return typeof value === 'string' ? value : undefined;
}

/** Drops credentials from a URL (https://user:pass@host → https://host). */
export function safeUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(url);
    parsed.username = '';
    parsed.password = '';
    return parsed.toString().replace(/\/$/, '');
  } catch {
    return undefined;
  }
}

function code(text: string): string {
  return `\`${text.replace(/`/g, "'").replace(/\|/g, '\\|')}\``;
}

function cell(text: string): string {
  return code(text.length > 120 ? `${text.slice(0, 117)}...` : text);
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
