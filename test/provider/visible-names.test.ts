/**
 * Names a reviewer cannot see, through the real terraform CLI: a plan refuses a name or a username
 * with an invisible, reordering or surrounding-space character, naming the field, the character's
 * position and its code point, before anything reaches the appliance.
 */
import type { SimulatorHandle } from '../../src/simulator';
import { startTestSimulator } from '../support/simulator';
import { makeWorkspace, PROVIDER_BLOCK, tf, tfOk, type Workspace } from '../support/terraform';
import { deadline } from '../support/wait';

jest.setTimeout(deadline(180_000));

let simulator: SimulatorHandle;
let ws: Workspace | undefined;
beforeAll(async () => {
  simulator = await startTestSimulator();
});
afterAll(async () => {
  ws?.cleanup();
  await simulator.close();
});

const oneLine = (text: string) => text.replace(/[│╷╵]/g, ' ').replace(/\s+/g, ' ');

it('a plan refuses a user list whose name has a zero-width space and whose except list has " admin", naming field, position and code point', async () => {
  ws = makeWorkspace({
    files: {
      'provider.tf': `${PROVIDER_BLOCK}\nprovider "sps" {\n  url      = "${simulator.url}"\n  username = "admin"\n  password = "admin"\n}\n`,
      // HCL's \\u escapes, as a pull request would carry them (or the characters themselves, unseen).
      'main.tf': `resource "sps_user_list" "ops" {
  name   = "op\\u200bs"
  allow  = "no_user"
  except = ["alice", " admin"]
}

resource "sps_user_list" "reversed" {
  name   = "txt.\\u202eexe"
  allow  = "no_user"
  except = ["bob\\u3164"]
}
`,
    },
  });
  await tfOk(ws, ['init', '-input=false']);
  simulator.resetCounters();
  const plan = await tf(ws, ['plan', '-no-color']);
  expect(plan.code).toBe(1);
  // Each error is on its resource and field (Terraform underlines the line), and its detail names the field, the position and the code point.
  const errors = oneLine(plan.stderr).split('Error: ').map((error) => error.trim());
  const detail = (address: string, field: string) => {
    const error = errors.find((e) => e.startsWith(`Invalid user list: ${field} with sps_user_list.${address},`));
    return error?.slice(error.lastIndexOf(`${field}: `) + field.length + 2);
  };
  expect(detail('ops', 'name')).toBe('character 3 is U+200B (ZERO WIDTH SPACE), invisible in a review');
  expect(detail('ops', 'except[0]')).toBe('character 1 is U+0020 (SPACE), at the start, invisible in a review');
  expect(detail('reversed', 'name')).toBe('character 5 is U+202E (RIGHT-TO-LEFT OVERRIDE), which reorders the text around it, so a review does not show it as it is');
  expect(detail('reversed', 'except[0]')).toBe('character 4 is U+3164 (HANGUL FILLER), invisible in a review');
  expect(errors.filter(Boolean)).toHaveLength(4);
  // Refused before anything was written.
  expect(Object.keys(simulator.counters().requests).filter((request) => /^(POST|PUT|DELETE) \/api\/(configuration|transaction)/.test(request))).toEqual([]);
});
