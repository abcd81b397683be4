/** Acceptance test of sps_user_list: create → import-verify → update → no-op → drift → destroy, with the real terraform CLI. */
import { lifecycle, useAcceptance } from './acceptance';

useAcceptance();

describe('sps_user_list', () => {
  it('create → import → update → no-op → drift → destroy', async () => {
    await lifecycle({
      address: 'sps_user_list.deployers',
      collection: '/api/configuration/policies/userlists',
      config: (v) => `resource "sps_user_list" "deployers" {
  name   = "deployers"
  allow  = "no_user"
  except = ${v === 'initial' ? '["deploy"]' : '["release-bot", "deploy"]'}
}
`,
      checkCreated: (body) => expect(body).toEqual({ name: 'deployers', allow: 'no_user', except: ['deploy'] }),
      checkUpdated: (body) => expect([...body.except].sort()).toEqual(['deploy', 'release-bot']),
      drift: (body) => ({ body: { ...body, allow: 'all_users' }, attribute: /allow\s+= "all_users" -> "no_user"/ }),
    });
  });
});
