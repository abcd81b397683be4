/**
 * One odd object must not block an export: sps-export (the built CLI, as users run it) against a
 * simulator holding a user list the model cannot read (a newer firmware's `allow: "group_based"`),
 * list entries whose keys are not keys, and a referenced group with a newer firmware's field value.
 * It skips each odd object with a warning naming it, never requests an invalid key, exports the
 * rest and exits 0.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PATHS } from '../../src/model';
import type { SimulatorHandle } from '../../src/simulator';
import { RestSession } from '../support/rest-session';
import { startTestSimulator } from '../support/simulator';
import { credentials, readExport, spsExport } from './spawn-export';
import { deadline } from '../support/wait';

jest.setTimeout(deadline(120_000));

const NEWER_FIRMWARE_KEY = '0a1b2c3d4e5f60718293a4b';
const GROUP_KEY = '0c1d2e3f405162738495a6b';
let simulator: SimulatorHandle;
let requests: string[];
let scratch: string;

beforeAll(async () => {
  requests = [];
  simulator = await startTestSimulator({ log: (line) => requests.push(line) });
  scratch = mkdtempSync(join(tmpdir(), 'sps-lenient-export-'));
  simulator.storeUnchecked(PATHS.userLists, NEWER_FIRMWARE_KEY, { name: 'by-group', allow: 'group_based', except: [], groups: ['ops'] });
  simulator.storeUnchecked(PATHS.userLists, '../../transaction', { name: 'traversal', allow: 'no_user', except: [] });
  simulator.storeUnchecked(PATHS.userLists, 'not-hex-key', { name: 'odd-key', allow: 'no_user', except: [] });
  // A group the API client references, with a description in a shape the model does not know: only its name is needed.
  simulator.storeUnchecked(PATHS.localGroups, GROUP_KEY, { name: 'operators', description: { text: 'on call', lang: 'en' } });
  const admin = await RestSession.login(simulator.url);
  for (const [path, body] of [
    [PATHS.userLists, { name: 'team', allow: 'no_user', except: ['alice'] }],
    [PATHS.apiClients, { name: 'siem', scopes: ['logs'], applies_to: { selection: 'groups', groups: [GROUP_KEY] } }],
  ] as const) {
    const created = await admin.call('POST', path, body);
    if (created.status !== 201) throw new Error(`POST ${path} → ${created.status} ${JSON.stringify(created.json)}`);
  }
  expect((await admin.commit('fixture')).status).toBe(200);
});
afterAll(async () => {
  rmSync(scratch, { recursive: true, force: true });
  await simulator.close();
});

it('skips the unreadable list and the invalid keys with warnings naming them, exports the rest and exits 0', async () => {
  requests.length = 0;
  const out = join(scratch, 'hcl');
  const run = await spsExport(['--format', 'hcl', '--out', out], credentials(simulator.url, 'admin', 'admin'));
  expect({ code: run.code, stderr: run.stderr.split('\n').filter(Boolean).sort() }).toEqual({
    code: 0,
    stderr: [
      'sps-export: warning: skipped a user list listed with "../../transaction", which is not a valid key: it was not read',
      'sps-export: warning: skipped a user list listed with "not-hex-key", which is not a valid key: it was not read',
      `sps-export: warning: skipped user list "by-group" (key ${NEWER_FIRMWARE_KEY}): it does not match what sps-export understands (a newer firmware?): ` +
        'allow: must be "all_users" (a blacklist) or "no_user" (a whitelist) (the appliance has "group_based")',
    ],
  });
  expect(run.stdout).toMatch(/exported 2 objects \(1 user list, 1 API client\) as HCL/);
  expect(run.stdout).toMatch(/3 objects skipped \(see the warnings above\)/);
  expect(run.stdout).toMatch(/1 referenced object looked up by name; 0 references written as keys/);

  const { 'main.tf': mainTf } = readExport(out);
  expect(mainTf).toContain('name   = "team"');
  expect(mainTf).toMatch(/data "sps_local_group" "operators" \{\s+name = "operators"\s+\}/);
  for (const skipped of ['by-group', 'traversal', 'odd-key', 'group_based']) expect(mainTf).not.toContain(skipped);
  // The invalid keys never became a request path.
  expect(requests.filter((line) => /not-hex-key|\/api\/configuration\/(policies\/)?transaction/.test(line))).toEqual([]);
});
