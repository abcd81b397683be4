/** sps_rdp_connection_policy with the real terraform CLI, beyond its derived lifecycle (lifecycle-*.test.ts): the built-in policies it references. */
import { tfOk } from '../../support/terraform';
import { useAcceptance, workspace } from './acceptance';

useAcceptance();

describe('sps_rdp_connection_policy', () => {
  it('finds the built-in RDP channel and settings policies, both built-in settings policies included', async () => {
    const ws = await workspace({
      'main.tf': `
data "sps_rdp_channel_policy" "default" { name = "default" }
data "sps_rdp_settings_policy" "default" { name = "default" }
data "sps_rdp_settings_policy" "second" { name = "default-303" }
output "keys" {
  value = [data.sps_rdp_channel_policy.default.id, data.sps_rdp_settings_policy.default.id, data.sps_rdp_settings_policy.second.id]
}
`,
    });
    await tfOk(ws, ['apply', '-auto-approve']);
    expect(JSON.parse((await tfOk(ws, ['output', '-json', 'keys'])).stdout)).toEqual(['-20100', '-301', '-303']);
  });
});
