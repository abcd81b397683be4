/**
 * The report against Terraform itself: a real plan (terraform against the simulator) with a
 * create, a destroy, a replacement and a set change, through the built sps-plan-report CLI. The
 * headline must be Terraform's own "Plan:" line and the set change must read as membership.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import type { SimulatorHandle } from '../../src/simulator';
import { repoRoot } from '../support/paths';
import { startTestSimulator } from '../support/simulator';
import { makeWorkspace, PROVIDER_BLOCK, tfOk, type Workspace } from '../support/terraform';
import { renderGfm } from './gfm';
import { deadline } from '../support/wait';

jest.setTimeout(deadline(180_000));

let simulator: SimulatorHandle;
let ws: Workspace;

beforeAll(async () => {
  simulator = await startTestSimulator();
  ws = makeWorkspace({ files: { 'provider.tf': `${PROVIDER_BLOCK}\nprovider "sps" {\n  url      = "${simulator.url}"\n  username = "admin"\n  password = "admin"\n}\n` } });
  await tfOk(ws, ['init', '-input=false']);
});
afterAll(async () => {
  ws?.cleanup();
  await simulator?.close();
});

const config = (o: { except: string[]; rotation: string; temp: boolean; fresh: boolean }) => `
resource "sps_user_list" "ops" {
  name   = "ops"
  allow  = "no_user"
  except = ${JSON.stringify(o.except)}
}
resource "sps_api_client" "siem" {
  name       = "siem"
  scopes     = ["logs"]
  applies_to = { selection = "all" }
  keepers    = { rotation = "${o.rotation}" }
}
${o.temp ? 'resource "sps_user_list" "temp" {\n  name  = "temp"\n  allow = "all_users"\n}\n' : ''}
${o.fresh ? 'resource "sps_user_list" "fresh" {\n  name  = "fresh"\n  allow = "all_users"\n}\n' : ''}`;

it('states Terraform\'s own counts and reports a set change as membership', async () => {
  ws.write({ 'main.tf': config({ except: ['alice', 'bob', 'carol'], rotation: '1', temp: true, fresh: false }) });
  await tfOk(ws, ['apply', '-auto-approve']);

  ws.write({ 'main.tf': config({ except: ['alice', 'carol', 'dave'], rotation: '2', temp: false, fresh: true }) });
  const plan = await tfOk(ws, ['plan', '-out', 'plan.tfplan']);
  const terraformLine = plan.stdout.match(/^Plan: .*$/m)?.[0];
  // Create fresh and siem's successor; change ops; destroy temp and the old siem.
  expect(terraformLine).toBe('Plan: 2 to add, 1 to change, 2 to destroy.');
  const json = (await tfOk(ws, ['show', '-json', 'plan.tfplan'])).stdout;

  const commitMessage = 'Rotate siem\n\n</details>\n@someone [link](http://evil) <img src=x onerror=alert(1)>';
  const markdown = execFileSync(process.execPath, [join(repoRoot, 'dist/bin/sps-plan-report.js'), '--stack', 'prod'], {
    input: json,
    env: { ...process.env, SPS_COMMIT_MESSAGE: commitMessage, SPS_URL: simulator.url },
  }).toString();

  expect(markdown).toContain(`**${terraformLine}**`);
  expect(markdown).toContain('1 of these is a replacement (each counted once to add and once to destroy): `sps_api_client.siem`');
  expect(markdown).toMatch(/^ {2}except \(set\):\n- {3}"bob"\n\+ {3}"dave"$/m);
  expect(markdown).not.toMatch(/except\[\d\]/);

  const html = renderGfm(markdown);
  expect(html).not.toMatch(/<img|<a href="http:\/\/evil/);
  expect(html.match(/<\/?details>/g)).toEqual(['<details>', '</details>', '<details>', '</details>', '<details>', '</details>']);
  expect(html).toContain('@someone [link](http://evil) &lt;img src=x onerror=alert(1)&gt;');
});
