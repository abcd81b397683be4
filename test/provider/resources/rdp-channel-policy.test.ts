/** Acceptance test of sps_rdp_channel_policy with the real terraform CLI: the lifecycle, the built-in default, and RDP's own channel names. */
import { join } from 'node:path';
import { PATHS } from '../../../src/model';
import { adminSession } from '../../support/simulator';
import { tfOk } from '../../support/terraform';
import { lifecycle, useAcceptance, workspace } from './acceptance';

// The example seed holds the content policy "alert-on-sudo".
const { simulator } = useAcceptance({ seed: join(__dirname, '..', '..', '..', 'examples', 'simulator-seed.yaml') });
let contentPolicyKey: string;
beforeAll(async () => {
  const admin = await adminSession(simulator().url);
  [contentPolicyKey] = await admin.customKeys(PATHS.contentPolicies);
});

describe('sps_rdp_channel_policy', () => {
  it('create → import → update → no-op → drift → destroy', async () => {
    await lifecycle({
      address: 'sps_rdp_channel_policy.remote_app',
      collection: PATHS.rdpChannelPolicies,
      config: (v) => `data "sps_content_policy" "alert" {
  name = "alert-on-sudo"
}

resource "sps_rdp_channel_policy" "remote_app" {
  name = "remote_app"
  rules = [
    { channel = "#drawing", actions = { content_policy = data.sps_content_policy.alert.id } },
    { channel = "customs", customs = ${v === 'initial' ? '["rail"]' : '["rail", "rail_ri", "rail_wi"]'} },
    { channel = "cliprdr", actions = { four_eyes = true }, target = [{ value = "10.20.0.0/16" }] },
  ]
}
`,
      checkCreated: (body) => {
        expect(body.rules.map((rule: { channel: string }) => rule.channel)).toEqual(['#drawing', 'customs', 'cliprdr']);
        expect(body.rules[0].actions).toEqual({ audit: true, four_eyes: false, ids: false, content_policy: { key: contentPolicyKey, meta: { href: `${PATHS.contentPolicies}/${contentPolicyKey}` } } });
        expect(body.rules[1].customs).toEqual(['rail']);
        expect(body.rules[2].target).toEqual([{ selection: 'address', value: '10.20.0.0/16' }]);
      },
      checkUpdated: (body) => expect(body.rules[1].customs).toEqual(['rail', 'rail_ri', 'rail_wi']),
      drift: (body) => {
        body.rules.pop();
        return { body, attribute: /channel\s+= "cliprdr"/ };
      },
    });
  });

  it('finds the built-in default (#drawing only) by name; refuses at plan the channel spelt "custom" (the guide spells it "customs")', async () => {
    const ws = await workspace({
      'main.tf': 'data "sps_rdp_channel_policy" "default" {\n  name = "default"\n}\noutput "key" {\n  value = data.sps_rdp_channel_policy.default.id\n}\noutput "channels" {\n  value = join(",", data.sps_rdp_channel_policy.default.rules[*].channel)\n}\n',
    });
    await tfOk(ws, ['apply', '-auto-approve']);
    expect((await tfOk(ws, ['output', '-raw', 'key'])).stdout).toBe('-20100');
    expect((await tfOk(ws, ['output', '-raw', 'channels'])).stdout).toBe('#drawing');
    ws.write({ 'main.tf': 'resource "sps_rdp_channel_policy" "bad" {\n  name  = "bad"\n  rules = [{ channel = "custom", customs = ["rail"] }]\n}\n' });
    const plan = await tfOk(ws, ['plan', '-no-color'], 1);
    expect(plan.stderr.replace(/[\s│]+/g, ' ')).toMatch(/rules\[0\]\.channel: channel must be one of "#drawing", "cliprdr", "rdpdr", "rdpdr-serial", "rdpsnd", "customs", "seamrdp", "drdynvc" \(the RDP channels\)/);
  });
});
