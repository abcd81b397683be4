/**
 * TimePolicy, the construct derived from the time policy's description alone: its props are the
 * model's fields (no key list of its own), it is checked with the model at synth, and what it
 * synthesizes is what the real provider applies to the appliance.
 */
import { Testing, TerraformOutput, TerraformStack } from 'cdktf';
import { SpsProvider, TimePolicy, ValidationError } from '../../src/constructs';
import type { SimulatorHandle } from '../../src/simulator';
import { adminSession, startTestSimulator } from '../support/simulator';
import { makeWorkspace, tfOk } from '../support/terraform';
import { deadline } from '../support/wait';

const stack = () => new TerraformStack(Testing.app(), 'app');
const loose = <T>(props: Record<string, unknown>) => props as unknown as T;

describe('TimePolicy at synth', () => {
  it('synthesizes the name and every weekday, the ones left out as empty', () => {
    const scope = stack();
    new TimePolicy(scope, 'office', { name: 'office_hours', mon: [['8:00', '17:00']], fri: [['8:00', '12:00'], ['13:00', '16:00']] });
    const resources = Object.values(JSON.parse(Testing.synth(scope)).resource.sps_time_policy);
    expect(resources).toEqual([
      { name: 'office_hours', mon: [['8:00', '17:00']], tue: [], wed: [], thu: [], fri: [['8:00', '12:00'], ['13:00', '16:00']], sat: [], sun: [] },
    ]);
  });

  it('TimePolicy.weekdays: office hours Monday to Friday, none at the weekend; a bad interval names the construct and the day', () => {
    const scope = stack();
    TimePolicy.weekdays(scope, 'office', { name: 'office_hours', from: '8:00', to: '18:00' });
    const day = [['8:00', '18:00']];
    expect(Object.values(JSON.parse(Testing.synth(scope)).resource.sps_time_policy)).toEqual([{ name: 'office_hours', mon: day, tue: day, wed: day, thu: day, fri: day, sat: [], sun: [] }]);
    expect(() => TimePolicy.weekdays(stack(), 'late', { name: 'late', from: '18:00', to: '8:00' })).toThrow('app/late: invalid time policy:\n  mon[0]: the interval must end after it starts (18:00 is not before 8:00)');
    expect(() => TimePolicy.weekdays(stack(), 'typo', loose({ name: 'x', from: '8:00', until: '18:00' }))).toThrow(/TimePolicy\.weekdays.*`until`/);
  });

  it('fails with the construct path, the field and the values when an interval ends before it starts', () => {
    const attempt = () => new TimePolicy(stack(), 'office', { name: 'office_hours', mon: [['17:00', '8:00']] });
    expect(attempt).toThrow(ValidationError);
    expect(attempt).toThrow('app/office: invalid time policy:\n  mon[0]: the interval must end after it starts (17:00 is not before 8:00)');
  });

  it('names a misspelt weekday, the closest one and the known props (the model\'s fields)', () => {
    expect(() => new TimePolicy(stack(), 'office', loose({ name: 'office_hours', tues: [['8:00', '17:00']] }))).toThrow(
      'app/office: invalid TimePolicy: the props has an unknown property `tues` (did you mean `tue`?); known: `name`, `mon`, `tue`, `wed`, `thu`, `fri`, `sat`, `sun`',
    );
    expect(() => new TimePolicy(stack(), 'office', loose({ mon: [] }))).toThrow('app/office: invalid TimePolicy: the props is missing the required property `name`');
  });

  it('finds existing time policies by name or key', () => {
    const scope = stack();
    const byName = TimePolicy.fromName(scope, 'always', '7x24');
    expect(JSON.parse(Testing.synth(scope)).data.sps_time_policy.always).toEqual({ name: '7x24' });
    expect(byName.timePolicyKey).toMatch(/\$\{TfToken/);
    expect(TimePolicy.fromKey('-100')).toEqual({ timePolicyKey: '-100' });
    expect(() => TimePolicy.fromKey('7x24')).toThrow(/TimePolicy\.fromKey: "7x24" is not a key of a time policy.*use TimePolicy\.fromName/);
  });
});

describe('TimePolicy with the real provider', () => {
  jest.setTimeout(deadline(180_000));
  let simulator: SimulatorHandle;
  const workspaces: Array<{ cleanup(): void }> = [];
  beforeAll(async () => {
    simulator = await startTestSimulator();
  });
  afterAll(async () => {
    for (const ws of workspaces) ws.cleanup();
    await simulator.close();
  });

  it('applies what it synthesizes: the appliance holds the intervals, and a second plan is clean', async () => {
    const scope = stack();
    new SpsProvider(scope, 'sps');
    const office = new TimePolicy(scope, 'office', { name: 'office_hours', mon: [['8:00', '17:00']], sat: [['9:00', '12:00']] });
    new TerraformOutput(scope, 'key', { value: office.timePolicyKey });
    new TerraformOutput(scope, 'builtin', { value: TimePolicy.fromName(scope, 'always', '7x24').timePolicyKey });
    const ws = makeWorkspace({ files: { 'main.tf.json': Testing.synth(scope) }, env: { SPS_URL: simulator.url, SPS_USERNAME: 'admin', SPS_PASSWORD: 'admin' } });
    workspaces.push(ws);
    await tfOk(ws, ['init', '-input=false']);
    await tfOk(ws, ['apply', '-auto-approve', '-input=false']);
    const outputs = JSON.parse((await tfOk(ws, ['output', '-json'])).stdout);
    expect(outputs.builtin.value).toBe('-100');
    const admin = await adminSession(simulator.url);
    expect(await admin.body(`/api/configuration/policies/time_policies/${outputs.key.value}`)).toEqual({
      name: 'office_hours',
      Mon: [['8:00', '17:00']],
      Tue: [],
      Wed: [],
      Thu: [],
      Fri: [],
      Sat: [['9:00', '12:00']],
      Sun: [],
    });
    await tfOk(ws, ['plan', '-detailed-exitcode', '-input=false'], 0);
  });
});
