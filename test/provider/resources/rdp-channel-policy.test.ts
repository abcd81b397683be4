/** sps_rdp_channel_policy with the real terraform CLI, beyond its derived lifecycle (lifecycle-*.test.ts): a content policy, the built-in default, and RDP's own channel names. */
import { join } from 'node:path';
import { PATHS } from '../../../src/model';
import { adminSession } from '../../support/simulator';
import { tfOk } from '../../support/terraform';
import { stateAttribute, useAcceptance, workspace } from './acceptance';

// The example seed holds the content policy "alert-on-sudo".
const { simulator } = useAcceptance({ seed: join(__dirname, '..', '..', '..', 'examples', 'simulator-seed.yaml') });
let contentPolicyKey: string;
beforeAll(async () => {
  [contentPolicyKey] = await (await adminSession(simulator().url)).customKeys(PATHS.contentPolicies);
});

describe('sps_rdp_channel_policy', () => {
  it('applies a content policy looked up by name to a channel, by its key', async () => {
    const ws = await workspace({
      'main.tf': `data "sps_content_policy" "alert" {
  name = "alert-on-sudo"
}

resource "sps_rdp_channel_policy" "watched" {
  name  = "watched"
  rules = [{ channel = "#drawing", actions = { content_policy = data.sps_content_policy.alert.id } }]
}
`,
    });
    await tfOk(ws, ['apply', '-auto-approve']);
    const key = await stateAttribute(ws, 'sps_rdp_channel_policy.watched', 'id');
    const body = await (await adminSession(simulator().url)).body(`${PATHS.rdpChannelPolicies}/${key}`);
    expect(body.rules[0].actions).toEqual({ audit: true, four_eyes: false, ids: false, content_policy: { key: contentPolicyKey, meta: { href: `${PATHS.contentPolicies}/${contentPolicyKey}` } } });
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
