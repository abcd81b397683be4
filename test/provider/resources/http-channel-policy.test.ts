/** Acceptance test of sps_http_channel_policy with the real terraform CLI: the lifecycle, and the built-in "default" that existing configurations look up. */
import { PATHS } from '../../../src/model';
import { tfOk } from '../../support/terraform';
import { lifecycle, useAcceptance, workspace } from './acceptance';

useAcceptance();

describe('sps_http_channel_policy', () => {
  it('create → import → update → no-op → drift → destroy', async () => {
    await lifecycle({
      address: 'sps_http_channel_policy.web',
      collection: PATHS.httpChannelPolicies,
      config: (v) => `resource "sps_http_channel_policy" "web" {
  name = "web"
  rules = [
    { channel = "http", from = [{ value = "10.0.0.0/8" }] },
    { channel = "websocket", allowed_for = { remote_groups = ${v === 'initial' ? '["web-admins"]' : '["web-admins", "web-ops"]'} } },
  ]
}
`,
      checkCreated: (body) =>
        expect(body).toEqual({
          name: 'web',
          rules: [
            { ...defaults('http'), from: [{ selection: 'address', value: '10.0.0.0/8' }] },
            { ...defaults('websocket'), allowed_for: { gateway_groups: [], remote_groups: ['web-admins'] } },
          ],
        }),
      checkUpdated: (body) => expect([...body.rules[1].allowed_for.remote_groups].sort()).toEqual(['web-admins', 'web-ops']),
      drift: (body) => {
        body.rules[0].actions.audit = false;
        return { body, attribute: /audit\s+= false -> true/ };
      },
    });
  });

  it('still finds the built-in "default" by name, with its key, and now its rules (http for everybody)', async () => {
    const ws = await workspace({
      'main.tf': 'data "sps_http_channel_policy" "default" {\n  name = "default"\n}\noutput "key" {\n  value = data.sps_http_channel_policy.default.id\n}\noutput "channels" {\n  value = join(",", data.sps_http_channel_policy.default.rules[*].channel)\n}\n',
    });
    await tfOk(ws, ['apply', '-auto-approve']);
    expect((await tfOk(ws, ['output', '-raw', 'key'])).stdout).toBe('-304001002');
    expect((await tfOk(ws, ['output', '-raw', 'channels'])).stdout).toBe('http');
  });
});

/** A rule of `channel` as the appliance stores it when only the channel is given. */
function defaults(channel: string) {
  return {
    channel,
    allowed_for: { gateway_groups: [], remote_groups: [] },
    time_policy: { key: '-100', meta: { href: `${PATHS.timePolicies}/-100` } },
    actions: { audit: true, four_eyes: false, ids: false, content_policy: null },
    from: [],
    target: [],
  };
}
