/**
 * The provider benchmark's report code (bench/provider-report.cjs): made-up measurements in, the
 * budgets' met / NOT met and the breakdown out. No timing: the figures are given, not measured.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const report = require('../../bench/provider-report.cjs');

type Row = { figure: string; verdict: string; ratio: number | null };

/** A command's per-run record as bench/suites/provider.mjs measures it. */
const rec = (seconds: number, extra: Record<string, number> = {}) => ({
  seconds,
  launches: 3,
  peakRssMb: 50,
  providerCpu: 1,
  terraformCpu: 0.5,
  simulatorCpu: 0.2,
  requests: 1002,
  commits: 100,
  logins: 1,
  ...extra,
});

/** Measurements that meet every budget, some exactly at the limit; each test spoils one. */
function results() {
  const command = () => ({ ours: [rec(1.5), rec(1.5), rec(1.5)], base: [rec(1), rec(1), rec(1)] });
  return {
    load: '1.00 1.00 1.00',
    cores: 2,
    quick: false,
    n: 1000,
    parallelism: 10,
    runs: { small: 5, large: 3 },
    provider: { kind: 'standalone', zip: { name: 'terraform-provider-sps_0.1.0_linux_amd64.zip', bytes: 45e6, executableBytes: 100e6 } },
    startup: {
      runs: 3,
      subjects: [
        { name: 'standalone executable', role: 'standalone', ms: [50, 60, 70], rssMb: [30, 40, 35], cpuMs: [40, 40, 40] },
        { name: 'Node script', role: 'script', ms: [90, 100, 110], rssMb: [50, 50, 50], cpuMs: [80, 80, 80] },
        { name: '`node -e 0`', role: 'node', ms: [60, 60, 60] },
      ],
    },
    plan1: { ours: [rec(0.4), rec(0.4), rec(0.4)], base: [rec(0.1), rec(0.1), rec(0.1)] },
    commands: { create: command(), plan: command(), update: command(), destroy: command() },
    stateBytes: { ours: 505, base: 600, padding: 150 },
  };
}

const verdicts = (r: ReturnType<typeof results>): Record<string, string> =>
  Object.fromEntries((report.budgetRows(r) as Row[]).map((row) => [row.figure.replace(/ \(.*$| vs .*$/, ''), row.verdict]));

describe('provider benchmark budgets', () => {
  it('a figure exactly at its budget is met, every row', () => {
    const rows = report.budgetRows(results()) as Row[];
    expect(rows.map((row) => [row.figure, row.verdict]).filter(([, v]) => v !== 'met')).toEqual([]);
    expect(rows).toHaveLength(11);
  });

  it('just over a ratio budget is NOT met, and only that row', () => {
    const r = results();
    r.commands.plan.ours = [rec(1.51), rec(1.51), rec(1.51)];
    r.plan1.ours = [rec(0.41), rec(0.41), rec(0.41)];
    r.startup.subjects[0].ms = [61, 61, 61];
    const v = verdicts(r);
    expect(v).toMatchObject({
      'N=1000 separate blocks: no-change plan': 'NOT met',
      'N=1000 separate blocks: create': 'met',
      'plan(1)': 'NOT met',
      'standalone provider': 'NOT met',
    });
    expect(Object.values(v).filter((x) => x === 'NOT met')).toHaveLength(3);
  });

  it('ratios divide medians: one slow outlier does not move them', () => {
    const r = results();
    r.commands.destroy.ours = [rec(1.2), rec(90), rec(1.2)];
    const row = (report.budgetRows(r) as Row[]).find((x) => x.figure.includes('destroy'))!;
    expect(row.ratio).toBeCloseTo(1.2);
    expect(row.verdict).toBe('met');
  });

  it('peak RSS and commits take the worst run, against 60 MB and 2 × ceil(N/parallelism)', () => {
    const r = results();
    r.commands.update.ours[1] = rec(1.5, { peakRssMb: 60.5 });
    r.commands.create.ours[2] = rec(1.5, { commits: 201 });
    expect(verdicts(r)).toMatchObject({ 'provider peak RSS at N=1000': 'NOT met', 'commits for 1000 creates': 'NOT met' });
    r.commands.create.ours[2] = rec(1.5, { commits: 200 });
    expect(verdicts(r)['commits for 1000 creates']).toBe('met');
    expect(report.commitBudget(100, 10)).toBe(20);
    expect(report.commitBudget(1001, 10)).toBe(202);
  });

  it('the handshake RSS, the zip and a baseline smaller than our state are NOT met', () => {
    const r = results();
    r.startup.subjects[0].rssMb = [30, 41, 30];
    r.provider.zip.bytes = 45.1e6;
    r.stateBytes = { ours: 505, base: 480, padding: 0 };
    expect(verdicts(r)).toMatchObject({ 'provider RSS at handshake': 'NOT met', 'zip': 'NOT met', 'state bytes per instance at N=1000': 'NOT met' });
  });

  it('without a standalone zip, its rows are not measured rather than met', () => {
    const r = results();
    r.provider = { kind: 'script', zip: null, missingReason: 'no zip' } as never;
    r.startup.subjects.shift();
    expect(verdicts(r)).toMatchObject({ 'standalone provider': 'not measured', 'provider RSS at handshake': 'not measured', 'zip': 'not measured' });
    expect(report.renderReport(r)).toContain('**not measured**');
  });

  it('the report shows each verdict in its row', () => {
    const r = results();
    r.commands.update.ours = [rec(3), rec(3), rec(3)];
    const md: string = report.renderReport(r);
    expect(md).toMatch(/\| N=1000 separate blocks: update vs `terraform_data` \| [^\n]* \| 3\.00× \| ≤ 1\.5× \| \*\*NOT met\*\* \|/);
    expect(md).toMatch(/\| N=1000 separate blocks: create vs `terraform_data` \| [^\n]* \| 1\.50× \| ≤ 1\.5× \| met \|/);
  });
});

describe('where the time goes', () => {
  it('splits the wall time into Terraform, launches, provider CPU after start-up, simulator, and the rest', () => {
    const ours = [rec(10, { launches: 3, providerCpu: 6, simulatorCpu: 1 })];
    const part = report.breakdown(ours, [rec(2)], { ms: 100, cpuMs: 50 });
    expect(part).toMatchObject({ wall: 10, terraformOwn: 2, launchCount: 3, providerCpu: 6, simulatorCpu: 1, requests: 1002 });
    expect(part.launches).toBeCloseTo(0.3);
    expect(part.startCpu).toBeCloseTo(0.15);
    expect(part.providerCpuAfterStart).toBeCloseTo(5.85);
    expect(part.rest).toBeCloseTo(10 - 2 - 0.3 - 5.85 - 1);
  });
});

describe('state bytes per instance', () => {
  const entry = (name: string, value: string) => ({
    mode: 'managed',
    type: 'terraform_data',
    name,
    provider: 'provider["terraform.io/builtin/terraform"]',
    instances: [{ schema_version: 0, attributes: { id: 'x', input: { value, type: 'string' } }, sensitive_attributes: [] }],
  });
  const stateText = (resources: unknown[], lineage = 'l') =>
    `${JSON.stringify({ version: 4, terraform_version: '1.11.4', serial: 3, lineage, outputs: {}, resources, check_results: null }, null, 2)}\n`;

  it('counts what each instance adds to the file, not the file around it', () => {
    const one = report.stateBytesPerInstance(stateText([entry('a', 'v')]));
    expect(report.stateBytesPerInstance(stateText([entry('a', 'v')], 'a much longer lineage'))).toBe(one);
    // Two alike entries: the same per instance, but for the brackets and the comma between them.
    expect(Math.abs(report.stateBytesPerInstance(stateText([entry('a', 'v'), entry('b', 'v')])) - one)).toBeLessThanOrEqual(2);
    expect(report.stateBytesPerInstance(stateText([entry('a', 'v'.repeat(101))]))).toBe(one + 100);
    expect(() => report.stateBytesPerInstance(stateText([]))).toThrow(/no resource instances/);
  });

  it('pads the baseline to at least ours + 50 B, rounded up to 100 B (input and output each hold the padding)', () => {
    expect(report.baselinePadding(505, 300)).toEqual({ target: 600, padding: 150 });
    expect(report.baselinePadding(560, 301)).toEqual({ target: 700, padding: 200 });
    expect(report.baselinePadding(505, 900)).toEqual({ target: 600, padding: 0 });
  });
});
