/** Acceptance test of sps_user_list: create → import-verify → update → no-op → drift → destroy, with the real terraform CLI. */
import { tfOk } from '../../support/terraform';
import { lifecycle, useAcceptance, workspace } from './acceptance';

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

  it('refuses to import a built-in object and explains why', async () => {
    const ws = await workspace({ 'main.tf': 'resource "sps_user_list" "root_only" {\n  name  = "root_only"\n  allow = "no_user"\n}\n' });
    const result = await tfOk(ws, ['import', 'sps_user_list.root_only', '-4'], 1);
    expect(result.stderr).toMatch(/built-in/);
    expect(result.stderr).toMatch(/read-only/);
  });
});
