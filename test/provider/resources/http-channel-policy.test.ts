/** sps_http_channel_policy with the real terraform CLI, beyond its derived lifecycle (lifecycle-*.test.ts): the built-in "default" that existing configurations look up. */
import { tfOk } from '../../support/terraform';
import { useAcceptance, workspace } from './acceptance';

useAcceptance();

describe('sps_http_channel_policy', () => {
  it('still finds the built-in "default" by name, with its key, and now its rules (http for everybody)', async () => {
    const ws = await workspace({
      'main.tf': 'data "sps_http_channel_policy" "default" {\n  name = "default"\n}\noutput "key" {\n  value = data.sps_http_channel_policy.default.id\n}\noutput "channels" {\n  value = join(",", data.sps_http_channel_policy.default.rules[*].channel)\n}\n',
    });
    await tfOk(ws, ['apply', '-auto-approve']);
    expect((await tfOk(ws, ['output', '-raw', 'key'])).stdout).toBe('-304001002');
    expect((await tfOk(ws, ['output', '-raw', 'channels'])).stdout).toBe('http');
  });
});
