/** Acceptance test of sps_time_policy: create → import-verify → update → no-op → drift → destroy, with the real terraform CLI. */
import { tfOk } from '../../support/terraform';
import { lifecycle, useAcceptance, workspace } from './acceptance';

useAcceptance();

describe('sps_time_policy', () => {
  it('create → import → update → no-op → drift → destroy', async () => {
    await lifecycle({
      address: 'sps_time_policy.office_hours',
      collection: '/api/configuration/policies/time_policies',
      config: (v) => `resource "sps_time_policy" "office_hours" {
  name = "office_hours"
  mon  = [["8:00", "18:00"]]
  fri  = ${v === 'initial' ? '[["8:00", "12:00"], ["13:00", "18:00"]]' : '[["8:00", "16:00"]]'}
}
`,
      // The weekdays are capitalized in the body, as the REST API Reference Guide spells them.
      checkCreated: (body) =>
        expect(body).toEqual({ name: 'office_hours', Mon: [['8:00', '18:00']], Tue: [], Wed: [], Thu: [], Fri: [['8:00', '12:00'], ['13:00', '18:00']], Sat: [], Sun: [] }),
      checkUpdated: (body) => expect(body.Fri).toEqual([['8:00', '16:00']]),
      drift: (body) => ({ body: { ...body, Sun: [['0:00', '23:59']] }, attribute: /sun\s+= \[/ }),
    });
  });

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
