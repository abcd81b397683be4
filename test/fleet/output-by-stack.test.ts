/** The fleet test's reading of interleaved `cdktf deploy '*'` output, on the shape that made it flaky. */
import { outputByStack } from './output-by-stack';

it('gives each padded continuation line to the stack named last, even with names of equal length', () => {
  const output = [
    'frankfurt  Initializing the backend...',
    'singapore  sps_user_list.a: Creating...',
    '           sps_user_list.a: Creation complete after 0s',
    '',
    '           Apply complete! Resources: 1 added, 0 changed, 0 destroyed.',
    'frankfurt  Error: SPS provider error',
    '           cannot reach SPS at http://127.0.0.1:1 for GET /api/authentication',
    'london  Apply complete! Resources: 2 added, 0 changed, 0 destroyed.',
    '0 Stacks deploying     3 Stacks done     0 Stacks waiting',
  ].join('\n');
  const byStack = outputByStack(output, ['london', 'frankfurt', 'singapore']);
  expect(byStack.singapore).toContain('Apply complete! Resources: 1 added');
  expect(byStack.frankfurt).not.toContain('Apply complete!');
  expect(byStack.frankfurt).toContain('cannot reach SPS at http://127.0.0.1:1 for GET');
  expect(byStack.london).toMatch(/^Apply complete! Resources: 2 added/);
});
