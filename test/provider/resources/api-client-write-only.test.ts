/**
 * sps_api_client with a write-only secret (Terraform 1.11): the secret, chosen from an ephemeral
 * variable, reaches the appliance and is stored nowhere — not in a saved plan, not in the state —
 * and rotating it replaces the client.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { request } from 'undici';
import { adminSession } from '../../support/simulator';
import { tf, tfOk } from '../../support/terraform';
import { stateAttribute, useAcceptance, workspace } from './acceptance';

const { simulator } = useAcceptance({ autoApproveApiClients: true });

const CONFIG = `variable "siem_secret" {
  type      = string
  sensitive = true
  ephemeral = true
}

variable "secret_version" {
  type    = number
  default = 1
}

resource "sps_api_client" "siem" {
  name                     = "siem"
  scopes                   = ["logs"]
  applies_to               = { selection = "all" }
  client_secret_wo         = var.siem_secret
  client_secret_wo_version = var.secret_version
}
`;

/** Whether the appliance grants a token for these client credentials. */
async function tokenGranted(clientId: string, secret: string): Promise<boolean> {
  const response = await request(`${simulator().url}/api/oauth/token`, {
    method: 'POST',
    headers: { authorization: `Basic ${Buffer.from(`${clientId}:${secret}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: 'grant_type=client_credentials&scope=logs',
  });
  await response.body.text();
  return response.statusCode === 200;
}

describe('sps_api_client with client_secret_wo', () => {
  it('delivers the chosen secret to the appliance and stores it nowhere; rotation replaces the client', async () => {
    const first = 'first-secret-chosen-by-the-team-0001';
    const ws = await workspace({ 'main.tf': CONFIG });
    const env = { TF_VAR_siem_secret: first };

    await tfOk(ws, ['plan', '-out=plan.tfplan'], 0, { env });
    const planJson = (await tfOk(ws, ['show', '-json', 'plan.tfplan'])).stdout;
    expect(planJson).toContain('client_secret_wo');
    expect(planJson).not.toContain(first);
    const applied = await tfOk(ws, ['apply', '-auto-approve'], 0, { env });
    expect(applied.stdout + applied.stderr).not.toContain(first);

    const state = readFileSync(join(ws.dir, 'terraform.tfstate'), 'utf8');
    expect(state).not.toContain(first);
    expect(await stateAttribute(ws, 'sps_api_client.siem', 'client_secret')).toBeNull();
    const clientId = await stateAttribute(ws, 'sps_api_client.siem', 'client_id');
    expect(await tokenGranted(clientId, first)).toBe(true);
    // A refresh changes nothing: the write-only value is not compared.
    expect((await tfOk(ws, ['plan', '-detailed-exitcode'], 0, { env: { TF_VAR_siem_secret: 'another-value-that-is-not-stored-1' } })).stdout).toMatch(/No changes/);

    // Rotation: a new version with a new secret replaces the client.
    const second = 'second-secret-chosen-by-the-team-002';
    const rotated = await tfOk(ws, ['apply', '-auto-approve'], 0, { env: { TF_VAR_siem_secret: second, TF_VAR_secret_version: '2' } });
    expect(rotated.stdout).toMatch(/1 added, 0 changed, 1 destroyed/);
    const newClientId = await stateAttribute(ws, 'sps_api_client.siem', 'client_id');
    expect(newClientId).not.toBe(clientId);
    expect(await tokenGranted(newClientId, second)).toBe(true);
    expect(await tokenGranted(clientId, first)).toBe(false);
    expect(readFileSync(join(ws.dir, 'terraform.tfstate'), 'utf8')).not.toContain(second);
    const admin = await adminSession(simulator().url);
    expect(await admin.customKeys('/api/configuration/aaa/api_clients')).toHaveLength(1);
  });

  it('refuses a chosen secret that is too short, at validate time, naming the attribute', async () => {
    const ws = await workspace({ 'main.tf': CONFIG.replace('client_secret_wo         = var.siem_secret', 'client_secret_wo         = "short"').replace(/variable "siem_secret" \{[^}]*\}\n\n/, '') });
    const result = await tf(ws, ['validate', '-no-color']);
    expect(result.code).toBe(1);
    expect(result.stderr.replace(/\s+/g, ' ')).toMatch(/client_secret_wo must be at least 24 characters long \(it is 5\)/);
  });
});
