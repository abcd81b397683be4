/** sps_api_client with the real terraform CLI, beyond its derived lifecycle (lifecycle-*.test.ts): the secret from the create's answer. */
import { stateAttribute, useAcceptance, workspace } from './acceptance';
import { adminSession } from '../../support/simulator';
import { tfOk } from '../../support/terraform';

const { simulator } = useAcceptance();

describe('sps_api_client', () => {
  it('keeps the secret from creation on without ever re-reading it', async () => {
    const admin = await adminSession(simulator().url);
    const config = (scopes: string) => `resource "sps_api_client" "siem" {
  name       = "siem"
  scopes     = ${scopes}
  applies_to = { selection = "all" }
}
output "secret" {
  value     = sps_api_client.siem.client_secret
  sensitive = true
}
`;
    const ws = await workspace({ 'main.tf': config('["logs"]') });
    const created = await tfOk(ws, ['apply', '-auto-approve']);
    expect(created.stdout).not.toMatch(/client_secret\s+=\s+"/);
    const secret = JSON.parse((await tfOk(ws, ['output', '-json', 'secret'])).stdout);
    expect(secret).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    const key = await stateAttribute(ws, 'sps_api_client.siem', 'id');
    const body = await admin.body(`/api/configuration/aaa/api_clients/${key}`);
    expect(JSON.stringify(body)).not.toContain(secret);

    // refreshes keep the secret; the appliance never returns it
    await tfOk(ws, ['apply', '-refresh-only', '-auto-approve']);
    await tfOk(ws, ['plan', '-detailed-exitcode'], 0);
    expect(JSON.parse((await tfOk(ws, ['output', '-json', 'secret'])).stdout)).toBe(secret);

    // in-place update keeps ID and secret
    ws.write({ 'main.tf': config('["logs", "sessions"]') });
    await tfOk(ws, ['apply', '-auto-approve']);
    expect(JSON.parse((await tfOk(ws, ['output', '-json', 'secret'])).stdout)).toBe(secret);
    expect((await admin.body(`/api/configuration/aaa/api_clients/${key}`)).scopes.sort()).toEqual(['logs', 'sessions']);

    // rotation by replacement through keepers
    ws.write({ 'main.tf': config('["logs", "sessions"]').replace('applies_to', 'keepers    = { rotation = "2" }\n  applies_to') });
    const rotated = await tfOk(ws, ['apply', '-auto-approve']);
    expect(rotated.stdout).toMatch(/1 added, 0 changed, 1 destroyed/);
    expect(JSON.parse((await tfOk(ws, ['output', '-json', 'secret'])).stdout)).not.toBe(secret);
  });
});
