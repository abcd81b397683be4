/**
 * One odd object must not block a whole kind, through the real terraform CLI: a user list the
 * model cannot read (a newer firmware's `allow: "group_based"`) and list entries whose keys are not
 * keys (`../../transaction`, `not-hex-key`) leave creates and lookups of other objects working;
 * only a lookup of the odd object itself fails, naming it and why.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SimulatorHandle } from '../../src/simulator';
import { adminSession, startTestSimulator } from '../support/simulator';
import { makeWorkspace, PROVIDER_BLOCK, tf, tfOk, type Workspace } from '../support/terraform';
import { deadline } from '../support/wait';

jest.setTimeout(deadline(180_000));

const USER_LISTS = '/api/configuration/policies/userlists';
const NEWER_FIRMWARE_KEY = '0a1b2c3d4e5f60718293a4b';
let simulator: SimulatorHandle;
/** The simulator's request log: "METHOD path status duration". */
let requests: string[];
const workspaces: Workspace[] = [];

beforeEach(async () => {
  requests = [];
  simulator = await startTestSimulator({ log: (line) => requests.push(line) });
  // Made by hand on a newer firmware: a value the model does not know.
  simulator.storeUnchecked(USER_LISTS, NEWER_FIRMWARE_KEY, { name: 'by-group', allow: 'group_based', except: [], groups: ['ops'] });
  // Entries whose keys must never become a request path.
  simulator.storeUnchecked(USER_LISTS, '../../transaction', { name: 'traversal', allow: 'no_user', except: [] });
  simulator.storeUnchecked(USER_LISTS, 'not-hex-key', { name: 'odd-key', allow: 'no_user', except: [] });
});
afterEach(async () => {
  for (const ws of workspaces.splice(0)) ws.cleanup();
  await simulator.close();
});

async function workspace(mainTf: string): Promise<Workspace> {
  const ws = makeWorkspace({
    files: { 'provider.tf': `${PROVIDER_BLOCK}\nprovider "sps" {\n  url      = "${simulator.url}"\n  username = "admin"\n  password = "admin"\n}\n`, 'main.tf': mainTf },
  });
  workspaces.push(ws);
  await tfOk(ws, ['init', '-input=false']);
  return ws;
}

const oneLine = (text: string) => text.replace(/[│╷╵]/g, ' ').replace(/\s+/g, ' ');

it('creates a list and looks up the built-in no_root although the kind holds an unreadable object and entries with invalid keys', async () => {
  const ws = await workspace(`resource "sps_user_list" "fresh" {
  name   = "fresh"
  allow  = "no_user"
  except = ["alice"]
}

data "sps_user_list" "no_root" {
  name = "no_root"
}

output "no_root" {
  value = [data.sps_user_list.no_root.id, data.sps_user_list.no_root.allow, tolist(data.sps_user_list.no_root.except)]
}

output "fresh" {
  value = sps_user_list.fresh.id
}
`);
  const log = join(ws.dir, 'terraform.log');
  // DEBUG: go-plugin shows the provider's warnings at WARN only once their timestamps are in hclog's layout.
  await tfOk(ws, ['apply', '-auto-approve'], 0, { env: { TF_LOG_PROVIDER: 'DEBUG', TF_LOG_PATH: log } });
  const output = JSON.parse((await tfOk(ws, ['output', '-json'])).stdout);
  expect(output.no_root.value).toEqual(['-3', 'all_users', ['root']]);
  const admin = await adminSession(simulator.url);
  expect(await admin.body(`${USER_LISTS}/${output.fresh.value}`)).toEqual({ name: 'fresh', allow: 'no_user', except: ['alice'] });

  // The entries whose keys are not keys were skipped with a warning and never requested.
  const warnings = readFileSync(log, 'utf8');
  expect(warnings).toMatch(/skipped an entry of \/api\/configuration\/policies\/userlists whose key is not a valid key[^\n]*\.\.\/\.\.\/transaction/);
  expect(warnings).toMatch(/skipped an entry of \/api\/configuration\/policies\/userlists whose key is not a valid key[^\n]*not-hex-key/);
  const objectRequests = requests.filter((line) => line.includes(`${USER_LISTS}/`));
  expect(objectRequests.length).toBeGreaterThan(0);
  for (const line of objectRequests) expect(line).toMatch(/^(GET|PUT|DELETE) \/api\/configuration\/policies\/userlists\/(-\d+|[0-9a-f]{23}) /);
  expect(requests.filter((line) => /not-hex-key|\/api\/configuration\/(policies\/)?transaction/.test(line))).toEqual([]);
});

it('a lookup of the unreadable object itself fails, naming it, its key, the field and the value', async () => {
  const ws = await workspace(`data "sps_user_list" "by_group" {
  name = "by-group"
}
`);
  const plan = await tf(ws, ['plan', '-no-color']);
  expect(plan.code).toBe(1);
  expect(oneLine(plan.stderr)).toMatch(
    new RegExp(
      `Cannot look up user list "by-group" .*The user list "by-group" \\(key ${NEWER_FIRMWARE_KEY}\\) does not match what this provider understands ` +
        `\\(a newer firmware\\?\\): allow: must be "all_users" \\(a blacklist\\) or "no_user" \\(a whitelist\\) \\(the appliance has "group_based"\\)`,
    ),
  );
});
