import { type AttributeDiff, attributeDiffs, flatten } from './attribute-diff';
import { cellCode, code, codeBlock, htmlText, LINE_BREAK, quote, shorten } from './markdown';
import { setAttributePaths } from './own-kinds';
import { kindOf, type Kind, planCounts, planLine, type PlanJson, type ResourceChange } from './plan-json';

/** GitHub refuses comments longer than this. */
export const COMMENT_LIMIT = 65_536;

/** Longest text shown for one value, one name or the commit message; the CI log has the rest. */
const VALUE_MAX = 200;
const NAME_MAX = 300;
const MESSAGE_MAX = 2_000;

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
  const title = `${code(shorten(options.stack, NAME_MAX))}${url ? ` on ${code(shorten(url, NAME_MAX))}` : ''}`;
  if (changes.length === 0 && drift.length === 0) {
    return { hasChanges: false, markdown: `**SPS plan for ${title}: No changes.** The appliance matches the configuration.\n` };
  }
  const limit = options.limit ?? COMMENT_LIMIT;
  const context = { ...options, title, commitMessage };
  // Shrink the detail until the comment fits; the summary and the warnings are cut last.
  for (const rows of [Infinity, 500, 200, 100, 50, 20, 5, 0]) {
    const markdown = compose(plan, changes, drift, context, rows, limit);
    if (markdown.length <= limit) return { hasChanges: true, markdown };
  }
  // Whole blocks or nothing: a cut through a code block or <details> would break the rest of the page.
  return { hasChanges: true, markdown: `${header(plan, [], 0, title)}\n_The report does not fit in a comment; see the CI log._\n` };
}

interface Context extends ReportOptions {
  title: string;
}

function header(plan: PlanJson, changes: ResourceChange[], rows: number, title: string): string {
  const lines = [`## SPS plan for ${title}`, `**${planLine(planCounts(plan))}**`];
  const replaced = changes.filter((c) => kindOf(c) === 'replace');
  if (replaced.length) {
    const shown = replaced.slice(0, Math.max(rows, 20));
    const more = replaced.length - shown.length;
    lines.push(
      `${replaced.length} of these ${replaced.length === 1 ? 'is a replacement' : 'are replacements'} (each counted once to add and once to destroy): ` +
        `${shown.map((c) => address(c)).join(', ')}${more > 0 ? `, … ${more} more` : ''}`,
    );
  }
  return `${lines.join('\n\n')}\n`;
}

function compose(plan: PlanJson, changes: ResourceChange[], drift: ResourceChange[], options: Context, rows: number, limit: number): string {
  const parts: string[] = [header(plan, changes, rows, options.title)];
  if (drift.length) parts.push(`${drift.length} object(s) changed outside Terraform (see below).\n`);

  const dangerous = changes.filter((c) => kindOf(c) === 'destroy' || kindOf(c) === 'replace');
  if (dangerous.length) {
    const lines = dangerous.slice(0, Math.max(rows, 20)).map((c) => `- ${address(c)} will be **${kindOf(c) === 'destroy' ? 'destroyed' : 'replaced'}**${replaceReason(c)}`);
    if (dangerous.length > lines.length) lines.push(`- … ${dangerous.length - lines.length} more not shown; see the CI log`);
    parts.push(`${quote(`[!WARNING]\nThis plan destroys or replaces ${dangerous.length} object(s) on the appliance:\n${lines.join('\n')}`)}\n`);
  }

  if (drift.length) {
    parts.push(`### Changed outside Terraform (drift)\n\nThese objects were changed on the appliance (e.g. in the web UI) since the last apply; the plan below sets them back.\n`);
    parts.push(table(drift, rows, (c) => [address(c, cellCode), summarizeDiff(c)]));
  }

  const byType = new Map<string, ResourceChange[]>();
  for (const change of changes) byType.set(change.type, [...(byType.get(change.type) ?? []), change]);
  for (const [type, members] of [...byType].sort(([a], [b]) => a.localeCompare(b))) {
    parts.push(`### ${code(type)} (${members.length})\n`);
    parts.push(table(members, rows, (c) => [address(c, cellCode), VERB[kindOf(c)], summarize(c)], ['address', 'action', 'summary']));
  }

  const updates = changes.filter((c) => kindOf(c) === 'update' || kindOf(c) === 'replace');
  if (updates.length && rows > 0) {
    parts.push('### Attribute changes\n');
    for (const change of updates.slice(0, rows)) {
      const diffs = diffsOf(change);
      parts.push(
        `<details><summary><code>${htmlText(shorten(change.address, NAME_MAX))}</code> (${VERB[kindOf(change)]}, ${diffs.length} attribute(s))</summary>\n\n` +
          `${codeBlock(diffLines(diffs).join('\n'), 'diff')}\n\n</details>\n`,
      );
    }
    if (updates.length > rows) parts.push(`_… ${updates.length - rows} more updated objects not shown; see the CI log._\n`);
  }

  parts.push(`${quote(`[!NOTE]\nEvery change is written inside an appliance transaction and committed atomically (changes applied together share one commit; a failed commit is rolled back). ${commitLine(options.commitMessage)}`)}\n`);

  const head = parts.join('\n');
  const text = options.planText ?? planAsText(changes, drift);
  const room = limit - head.length - 200;
  parts.push(details(text, room));
  return parts.join('\n');
}

function commitLine(message: string | undefined): string {
  if (!message) return 'Commit message: _none set (provider `commit_message` or `SPS_COMMIT_MESSAGE`)_.';
  const shown = shorten(message, MESSAGE_MAX);
  // A message of several lines (a PR title and body) is shown as written, in a block of its own.
  return /[\r\n]/.test(shown) ? `Commit message:\n${codeBlock(shown)}` : `Commit message: ${code(shown)}.`;
}

function details(text: string, room: number): string {
  if (room < 200) return '_The full plan does not fit in a comment; see the CI log._\n';
  let body = text;
  if (body.length > room) {
    const cut = body.lastIndexOf('\n', room - 120);
    body = `${body.slice(0, cut > 0 ? cut : room - 120)}\n… (truncated: the full plan is in the CI log)`;
  }
  return `<details><summary>Full plan</summary>\n\n${codeBlock(body)}\n\n</details>\n`;
}

function table(changes: ResourceChange[], rows: number, columns: (c: ResourceChange) => string[], header = ['address', 'what changed']): string {
  const shown = changes.slice(0, rows);
  const lines = [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...shown.map((c) => `| ${columns(c).join(' | ')} |`)];
  const rest = changes.length - shown.length;
  return `${lines.join('\n')}\n${rest > 0 ? `\n_… ${rest} more not shown; see the CI log._\n` : ''}`;
}

function address(change: ResourceChange, as: (text: string) => string = code): string {
  return as(shorten(change.address, NAME_MAX));
}

function summarize(change: ResourceChange): string {
  const kind = kindOf(change);
  const values = (kind === 'destroy' ? change.change.before : change.change.after) as Record<string, unknown> | null;
  const name = values && typeof values.name === 'string' ? `name ${cellCode(shorten(values.name, NAME_MAX))}` : '';
  if (kind === 'update' || kind === 'replace') return [name, summarizeDiff(change)].filter(Boolean).join('; ');
  if (kind === 'import') return `${name}${change.change.importing?.id ? ` from key ${cellCode(shorten(change.change.importing.id, NAME_MAX))}` : ''}`;
  return name;
}

/** The top-level attributes that change, for a table cell. */
function summarizeDiff(change: ResourceChange): string {
  const top = [...new Set(diffsOf(change).map((d) => d.path.split(/[.[]/)[0]))];
  return top.length ? `changes ${top.slice(0, 6).map((name) => cellCode(name)).join(', ')}${top.length > 6 ? ', …' : ''}` : '';
}

function diffsOf(change: ResourceChange): AttributeDiff[] {
  return attributeDiffs(
    change.change.before,
    change.change.after,
    { before: { sensitive: change.change.before_sensitive }, after: { sensitive: change.change.after_sensitive, unknown: change.change.after_unknown } },
    setAttributePaths(change.type),
  );
}

/** Diff lines: `-`/`+` for a value's before and after, and per member for a set, whose order means nothing. */
function diffLines(diffs: AttributeDiff[]): string[] {
  return diffs.flatMap((d) => {
    if (d.kind === 'set') {
      return [`  ${d.path} (set):`, ...d.removed.map((m) => `-   ${shorten(m, VALUE_MAX)}`), ...d.added.map((m) => `+   ${shorten(m, VALUE_MAX)}`)];
    }
    return [...(d.before === '—' ? [] : [`- ${d.path}: ${shorten(d.before, VALUE_MAX)}`]), ...(d.after === '—' ? [] : [`+ ${d.path}: ${shorten(d.after, VALUE_MAX)}`])];
  });
}

function replaceReason(change: ResourceChange): string {
  const paths = (change.change.replace_paths ?? []).map((p) => (Array.isArray(p) ? p.join('.') : String(p)));
  return paths.length ? ` (because of ${paths.map((p) => code(shorten(p, NAME_MAX))).join(', ')})` : '';
}

/** A plain-text plan for the collapsed block, when `terraform show` text was not given. */
function planAsText(changes: ResourceChange[], drift: ResourceChange[]): string {
  const lines: string[] = [];
  for (const change of drift) lines.push(`# ${change.address} has changed outside Terraform`);
  for (const change of changes) {
    lines.push(`# ${change.address} will be ${PARTICIPLE[kindOf(change)]}`);
    const kind = kindOf(change);
    if (kind === 'create' || kind === 'import') {
      const values = flatten(change.change.after, { sensitive: change.change.after_sensitive, unknown: change.change.after_unknown }, setAttributePaths(change.type));
      for (const [path, leaf] of values) lines.push(`  + ${path} = ${leaf.text}`);
    } else if (kind === 'destroy') {
      lines.push('  - (whole object)');
    } else {
      lines.push(...diffLines(diffsOf(change)).map((line) => `  ${line}`));
    }
  }
  // An address (a for_each key) may hold a line break; one line per line of the plan.
  return lines.map((line) => line.replace(/\r\n|\r|\n/g, LINE_BREAK)).join('\n');
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
