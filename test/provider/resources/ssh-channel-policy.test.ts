/**
 * sps_ssh_channel_policy with the real terraform CLI against the simulator, beyond its derived
 * lifecycle (lifecycle-*.test.ts): a user list and a time policy wired into a rule (names in
 * `allowed_for`, the time policy by key), the built-in default, references the appliance enforces,
 * and plan-time checks.
 */
import { PATHS } from '../../../src/model';
import { adminSession } from '../../support/simulator';
import { tfOk } from '../../support/terraform';
import { stateAttribute, useAcceptance, workspace } from './acceptance';

const { simulator } = useAcceptance();

describe('sps_ssh_channel_policy', () => {
  it('wires a user list (by name) and a time policy (by key) into a rule; a change to the list changes only the list; destroy leaves only built-ins', async () => {
    const admin = await adminSession(simulator().url);
    const config = (users: string) => `resource "sps_user_list" "operators" {
  name   = "operators"
  allow  = "no_user"
  except = ${users}
}

resource "sps_time_policy" "office" {
  name = "office"
  mon  = [["8:00", "18:00"]]
  fri  = [["8:00", "16:00"]]
}

resource "sps_ssh_channel_policy" "shell" {
  name = "operators_shell"
  rules = [{
    channel     = "session-shell"
    allowed_for = { remote_groups = [sps_user_list.operators.name] }
    time_policy = sps_time_policy.office.id
  }]
}
`;
    const ws = await workspace({ 'main.tf': config('["alice", "bob"]') });
    await tfOk(ws, ['apply', '-auto-approve']);
    const policyKey = await stateAttribute(ws, 'sps_ssh_channel_policy.shell', 'id');
    const timeKey = await stateAttribute(ws, 'sps_time_policy.office', 'id');
    const stored = await admin.body(`${PATHS.sshChannelPolicies}/${policyKey}`);
    expect(stored.rules[0].allowed_for).toEqual({ gateway_groups: [], remote_groups: ['operators'] });
    expect(stored.rules[0].time_policy).toEqual({ key: timeKey, meta: { href: `${PATHS.timePolicies}/${timeKey}` } });
    expect((await tfOk(ws, ['plan', '-detailed-exitcode'], 0)).stdout).toMatch(/No changes/);

    // The time policy is in use: the appliance refuses to delete it, naming who uses it.
    const refused = await admin.call('DELETE', `${PATHS.timePolicies}/${timeKey}`);
    expect(refused.status).toBe(409);
    expect(refused.json.error.type).toBe('ObjectInUse');
    expect(refused.json.error.details.referenced_by).toEqual([`${PATHS.sshChannelPolicies}/${policyKey} (rules[0].time_policy)`]);
    await admin.call('DELETE', '/api/transaction');

    // Removing an operator changes the list and nothing else.
    ws.write({ 'main.tf': config('["alice"]') });
    const plan = await tfOk(ws, ['plan', '-no-color']);
    expect(plan.stdout).toMatch(/Plan: 0 to add, 1 to change, 0 to destroy/);
    expect(plan.stdout).toMatch(/# sps_user_list\.operators will be updated in-place/);
    expect(plan.stdout).toMatch(/- "bob",/);
    const before = await admin.body(`${PATHS.sshChannelPolicies}/${policyKey}`);
    await tfOk(ws, ['apply', '-auto-approve']);
    expect(await admin.body(`${PATHS.sshChannelPolicies}/${policyKey}`)).toEqual(before);

    await tfOk(ws, ['destroy', '-auto-approve']);
    for (const path of [PATHS.sshChannelPolicies, PATHS.userLists, PATHS.timePolicies]) expect(await admin.customKeys(path)).toEqual([]);
  });

  it('finds the built-in default (the session shell only) by name and refuses to import it', async () => {
    const ws = await workspace({
      'main.tf': 'data "sps_ssh_channel_policy" "default" {\n  name = "default"\n}\noutput "key" {\n  value = data.sps_ssh_channel_policy.default.id\n}\noutput "channels" {\n  value = join(",", data.sps_ssh_channel_policy.default.rules[*].channel)\n}\n',
    });
    await tfOk(ws, ['apply', '-auto-approve']);
    expect((await tfOk(ws, ['output', '-raw', 'key'])).stdout).toBe('-10100');
    expect((await tfOk(ws, ['output', '-raw', 'channels'])).stdout).toBe('session-shell');
    ws.write({ 'main.tf': 'resource "sps_ssh_channel_policy" "default" {\n  name  = "default"\n  rules = []\n}\n' });
    const result = await tfOk(ws, ['import', 'sps_ssh_channel_policy.default', '-10100'], 1);
    expect(result.stderr).toMatch(/built-in/);
  });

  it('refuses at plan a channel SSH does not have, a list on the wrong channel, and a malformed group name, naming field and value', async () => {
    const ws = await workspace({
      'main.tf': `resource "sps_ssh_channel_policy" "bad" {
  name = "bad"
  rules = [
    { channel = "shell" },
    { channel = "session-shell", execs = ["ls"] },
    { channel = "session-exec", allowed_for = { gateway_groups = ["ops\\u200b"] } },
  ]
}
`,
    });
    const plan = await tfOk(ws, ['plan', '-no-color'], 1);
    const stderr = plan.stderr.replace(/[\s│]+/g, ' ');
    expect(stderr).toMatch(/rules\[0\]\.channel: channel must be one of "session-shell", .* \(the SSH channels\)/);
    expect(stderr).toMatch(/rules\[1\]\.execs: is not a field here/);
    expect(stderr).toMatch(/rules\[2\]\.allowed_for\.gateway_groups\[0\]: character 4 is U\+200B \(ZERO WIDTH SPACE\)/);
  });

  it('refuses at plan a time policy key that does not exist on the appliance', async () => {
    const ws = await workspace({
      'main.tf': 'resource "sps_ssh_channel_policy" "bad" {\n  name  = "bad"\n  rules = [{ channel = "session-shell", time_policy = "0123456789abcdef0123456" }]\n}\n',
    });
    const plan = await tfOk(ws, ['plan', '-no-color'], 1);
    expect(plan.stderr.replace(/[\s│]+/g, ' ')).toMatch(/rules\[0\]\.time_policy: the appliance has no time policy with key "0123456789abcdef0123456"/);
  });
});
