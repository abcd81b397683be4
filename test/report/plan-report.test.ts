/**
 * The pull-request report from real plans: terraform against the simulator for create, update,
 * replace, destroy and drift, with an API client secret that must never appear.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { COMMENT_LIMIT, parsePlan, renderReport } from '../../src/report';
import type { SimulatorHandle } from '../../src/simulator';
import { adminSession, startTestSimulator } from '../support/simulator';
import { makeWorkspace, PROVIDER_BLOCK, tfOk, type Workspace } from '../support/terraform';
import { deadline } from '../support/wait';

jest.setTimeout(deadline(180_000));

let simulator: SimulatorHandle;
let ws: Workspace;
const workspaces: Workspace[] = [];

beforeAll(async () => {
  simulator = await startTestSimulator();
  ws = makeWorkspace({
    files: {
      'provider.tf': `${PROVIDER_BLOCK}\nprovider "sps" {\n  url            = "${simulator.url.replace('http://', 'http://admin:hunter2@')}"\n  username       = "admin"\n  password       = "admin"\n  commit_message = "https://git.example.com/pr/42"\n}\n`,
    },
  });
  workspaces.push(ws);
  await tfOk(ws, ['init', '-input=false']);
});
afterAll(async () => {
  for (const w of workspaces) w.cleanup();
  await simulator.close();
});

const config = (o: { allow: string; rotation: string; extra: boolean }) => `
resource "sps_user_list" "ops" {
  name   = "ops"
  allow  = "${o.allow}"
  except = ["alice"]
}
resource "sps_api_client" "siem" {
  name       = "siem"
  scopes     = ["logs"]
  applies_to = { selection = "all" }
  keepers    = { rotation = "${o.rotation}" }
}
${o.extra ? 'resource "sps_user_list" "temp" {\n  name  = "temp"\n  allow = "all_users"\n}\n' : ''}`;

/** Plans, and checks that the report's headline is Terraform's own "Plan:" line (when there is one). */
async function planReport(target: Workspace, extraArgs: string[] = []) {
  const plan = await tfOk(target, ['plan', '-out', 'plan.tfplan', ...extraArgs], 0);
  const json = (await tfOk(target, ['show', '-json', 'plan.tfplan'])).stdout;
  const report = renderReport(parsePlan(json), { stack: 'appliance-prod' });
  const terraformLine = plan.stdout.match(/^Plan: .*$/m)?.[0];
  if (terraformLine) expect(report.markdown).toContain(`**${terraformLine}**`);
  return { json, report };
}

function secretOf(target: Workspace): string {
  const state = JSON.parse(execFileSync('terraform', ['show', '-json'], { cwd: target.dir, env: { ...process.env, ...target.env } }).toString());
  return state.values.root_module.resources.find((r: any) => r.type === 'sps_api_client').values.client_secret;
}

it('reports creates with counts, the URL without credentials, the stack and the commit message', async () => {
  ws.write({ 'main.tf': config({ allow: 'no_user', rotation: '1', extra: true }) });
  const { report } = await planReport(ws);
  expect(report.markdown).toMatch(/^## SPS plan for `appliance-prod` on `http:\/\/127\.0\.0\.1:\d+`/);
  expect(report.markdown).not.toMatch(/hunter2|admin:/);
  expect(report.markdown).toContain('**Plan: 3 to add, 0 to change, 0 to destroy.**');
  expect(report.markdown).toMatch(/### `sps_user_list` \(2\)/);
  expect(report.markdown).toMatch(/Commit message: `https:\/\/git\.example\.com\/pr\/42`/);
  expect(report.markdown).toMatch(/<details><summary>Full plan<\/summary>/);
  await tfOk(ws, ['apply', 'plan.tfplan']);
});

it('puts destroys and replacements first under a warning, diffs updates, and never shows the secret', async () => {
  const secret = secretOf(ws);
  expect(secret).toMatch(/.{20,}/);
  ws.write({ 'main.tf': config({ allow: 'all_users', rotation: '2', extra: false }) });
  const { json, report } = await planReport(ws);
  // Terraform's plan JSON holds sensitive values in clear text (marked in before_sensitive), so it
  // is as secret as the state; the report must redact them.
  expect(json).toContain(secret);
  expect(report.markdown).not.toContain(secret);
  const warning = report.markdown.indexOf('[!WARNING]');
  expect(warning).toBeGreaterThan(0);
  expect(warning).toBeLessThan(report.markdown.indexOf('### `sps_user_list`'));
  expect(report.markdown).toMatch(/`sps_user_list\.temp` will be \*\*destroyed\*\*/);
  expect(report.markdown).toMatch(/`sps_api_client\.siem` will be \*\*replaced\*\* \(because of `keepers`\)/);
  expect(report.markdown).toMatch(/^- allow: "no_user"\n\+ allow: "all_users"$/m);
  expect(report.markdown).toMatch(/^- client_secret: \(sensitive value\)\n\+ client_secret: \(known after apply\)$/m);
  expect(report.markdown).toContain('**Plan: 1 to add, 1 to change, 2 to destroy.**');
  await tfOk(ws, ['apply', 'plan.tfplan']);
});

it('shows changes made outside Terraform in their own section', async () => {
  const shown = JSON.parse((await tfOk(ws, ['show', '-json'])).stdout);
  const key = shown.values.root_module.resources.find((r: any) => r.address === 'sps_user_list.ops').values.id;
  const admin = await adminSession(simulator.url);
  await admin.commitChange('PUT', `/api/configuration/policies/userlists/${key}`, { name: 'ops', allow: 'all_users', except: ['alice', 'mallory'] });
  const { report } = await planReport(ws);
  expect(report.markdown).toMatch(/### Changed outside Terraform \(drift\)/);
  expect(report.markdown).toMatch(/`sps_user_list\.ops` \| changes `except` \|/);
});

it('prints a one-line "No changes" report when nothing changes', async () => {
  await tfOk(ws, ['apply', '-auto-approve']);
  const { report } = await planReport(ws);
  expect(report.hasChanges).toBe(false);
  expect(report.markdown.trim().split('\n')).toHaveLength(1);
  expect(report.markdown).toMatch(/No changes/);
  // The CLI: stdin in, Markdown out, exit 0.
  const json = (await tfOk(ws, ['show', '-json', 'plan.tfplan'])).stdout;
  const cli = execFileSync(process.execPath, [join(__dirname, '../../dist/bin/sps-plan-report.js'), '--stack', 'prod'], { input: json }).toString();
  expect(cli).toMatch(/No changes/);
});

it('rejects input that is not a plan with exit code 2', () => {
  let status = 0;
  try {
    execFileSync(process.execPath, [join(__dirname, '../../dist/bin/sps-plan-report.js')], { input: '{"hello": 1}', stdio: 'pipe' });
  } catch (error: any) {
    status = error.status;
    expect(String(error.stderr)).toMatch(/not a Terraform plan/);
  }
  expect(status).toBe(2);
});

it('renders a plan of 1000 resources within the comment limit, with a truncation note', async () => {
  const big = makeWorkspace({ files: { 'main.tf': 'resource "terraform_data" "item" {\n  count = 1000\n  input = "value-${count.index}"\n}\n' } });
  workspaces.push(big);
  await tfOk(big, ['init', '-input=false']);
  const { report } = await planReport(big);
  expect(report.markdown.length).toBeLessThanOrEqual(COMMENT_LIMIT);
  expect(report.markdown).toContain('**Plan: 1000 to add, 0 to change, 0 to destroy.**');
  expect(report.markdown).toMatch(/truncated: the full plan is in the CI log|does not fit in a comment; see the CI log|more not shown; see the CI log/);
  expect((report.markdown.match(/```/g) ?? []).length % 2).toBe(0);
});
