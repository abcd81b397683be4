/** sps_time_policy with the real terraform CLI, beyond its derived lifecycle (lifecycle-*.test.ts): the built-in 7x24, and plan-time checks. */
import { tfOk } from '../../support/terraform';
import { useAcceptance, workspace } from './acceptance';

useAcceptance();

describe('sps_time_policy', () => {
  it('finds the built-in 7x24 policy by name and refuses to import it', async () => {
    const ws = await workspace({
      'main.tf': 'data "sps_time_policy" "always" {\n  name = "7x24"\n}\noutput "key" {\n  value = data.sps_time_policy.always.id\n}\n',
    });
    await tfOk(ws, ['apply', '-auto-approve']);
    expect((await tfOk(ws, ['output', '-raw', 'key'])).stdout).toBe('-100');
    ws.write({ 'main.tf': 'resource "sps_time_policy" "always" {\n  name = "7x24"\n}\n' });
    const result = await tfOk(ws, ['import', 'sps_time_policy.always', '-100'], 1);
    expect(result.stderr).toMatch(/built-in/);
  });

  it('rejects an interval that ends before it starts at plan time, naming the field and the values', async () => {
    const ws = await workspace({ 'main.tf': 'resource "sps_time_policy" "bad" {\n  name = "bad"\n  tue  = [["18:00", "8:00"]]\n}\n' });
    const plan = await tfOk(ws, ['plan'], 1);
    expect(plan.stderr).toMatch(/tue\[0\]/);
    expect(plan.stderr).toMatch(/18:00 is not before 8:00/);
  });
});
