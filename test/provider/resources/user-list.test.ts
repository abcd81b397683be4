/** sps_user_list with the real terraform CLI, beyond its derived lifecycle (lifecycle-*.test.ts): the built-ins cannot be imported. */
import { tfOk } from '../../support/terraform';
import { useAcceptance, workspace } from './acceptance';

useAcceptance();

describe('sps_user_list', () => {
  it('refuses to import a built-in object and explains why', async () => {
    const ws = await workspace({ 'main.tf': 'resource "sps_user_list" "root_only" {\n  name  = "root_only"\n  allow = "no_user"\n}\n' });
    const result = await tfOk(ws, ['import', 'sps_user_list.root_only', '-4'], 1);
    expect(result.stderr).toMatch(/built-in/);
    expect(result.stderr).toMatch(/read-only/);
  });
});
