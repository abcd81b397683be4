/**
 * SshConnectionPolicy and RdpConnectionPolicy: derived from their kinds, with the props every
 * connection policy construct spells alike (ServerAddress, rateLimit, …), and what they synthesize
 * is what the real provider applies.
 */
import { Testing, TerraformOutput, TerraformStack } from 'cdktf';
import {
  AuditPolicy,
  HttpChannelPolicy,
  IndexingPolicy,
  RdpChannelPolicy,
  RdpConnectionPolicy,
  RdpSettingsPolicy,
  ServerAddress,
  SpsProvider,
  SshAuthenticationPolicy,
  SshChannelPolicy,
  SshConnectionPolicy,
  SshSettingsPolicy,
} from '../../src/constructs';
import type { SimulatorHandle } from '../../src/simulator';
import { adminSession, startTestSimulator } from '../support/simulator';
import { makeWorkspace, tfOk } from '../support/terraform';
import { deadline } from '../support/wait';

const stack = () => new TerraformStack(Testing.app(), 'app');
const loose = <T>(props: Record<string, unknown>) => props as unknown as T;
const network = { clients: ['10.20.0.0/16'], targets: ['10.40.0.0/16'], ports: [22] };
const sshPolicies = () => ({
  channelPolicy: SshChannelPolicy.fromKey('-10100'),
  settings: SshSettingsPolicy.fromKey('-300'),
  auditPolicy: AuditPolicy.fromKey('-10000'),
  authenticationPolicy: SshAuthenticationPolicy.fromKey('-200'),
});
const rdpPolicies = () => ({ channelPolicy: RdpChannelPolicy.fromKey('-20100'), settings: RdpSettingsPolicy.fromKey('-301'), auditPolicy: AuditPolicy.fromKey('-10000') });

describe('SSH and RDP connection policies at synth', () => {
  it('spell the shared props as the HTTP connection policy does', () => {
    const scope = stack();
    new SshConnectionPolicy(scope, 'bastion', {
      name: 'bastion',
      network,
      serverAddress: ServerAddress.inband({ domains: [{ addressRange: '10.40.0.0/16', port: 22 }], dnsSuffixes: ['example.com'] }),
      sourceAddress: { fixed: '10.9.9.9' },
      indexing: { policy: IndexingPolicy.fromKey('-50000') },
      rateLimit: 30,
      channelDatabaseCleanupDays: 90,
      logLevel: 5,
      policies: sshPolicies(),
    });
    const [resource] = Object.values(JSON.parse(Testing.synth(scope)).resource.sps_ssh_connection_policy) as any[];
    expect(resource).toMatchObject({
      server_address: { selection: 'inband', domains: [{ domain: { selection: 'address', value: '10.40.0.0/16' }, port: 22 }], exception_domains: [], dns_suffixes: ['example.com'] },
      source_address: { selection: 'fix', address: '10.9.9.9' },
      indexing: { enabled: true, policy: '-50000', priority: 3 },
      rate_limit: { enabled: true, value: 30 },
      channel_database_cleanup: { enabled: true, days: 90 },
      override_log_level: { enabled: true, log_level: 5 },
      policies: { channel_policy: '-10100', settings: '-300', audit_policy: '-10000', authentication_policy: '-200' },
    });
  });

  it('refuse a policy of another protocol, and an authentication policy on RDP', () => {
    expect(
      () => new SshConnectionPolicy(stack(), 'p', { name: 'p', network, serverAddress: ServerAddress.original(), policies: { ...sshPolicies(), channelPolicy: loose(HttpChannelPolicy.fromKey('-304001002')) } }),
    ).toThrow('`policies.channelPolicy` must be an SSH channel policy (from its class\'s fromName or fromKey), got another kind of reference');
    expect(
      () => new RdpConnectionPolicy(stack(), 'p', { name: 'p', network, serverAddress: ServerAddress.original(), policies: loose({ ...rdpPolicies(), authenticationPolicy: SshAuthenticationPolicy.fromKey('-200') }) }),
    ).toThrow('`policies` has an unknown property `authenticationPolicy`; known: `channelPolicy`, `settings`, `auditPolicy`, `ldapServer`, `backupPolicy`, `usermappingPolicy`, `archiveCleanupPolicy`, `analyticsPolicy`');
  });
});

describe('SSH and RDP connection policies with the real provider', () => {
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

  it('applies what they synthesize, the built-ins found by name; a second plan is clean', async () => {
    const scope = stack();
    new SpsProvider(scope, 'sps');
    const audit = AuditPolicy.fromName(scope, 'audit', 'default');
    const ssh = new SshConnectionPolicy(scope, 'bastion', {
      name: 'bastion',
      network,
      serverAddress: ServerAddress.fixed('bastion.example.com', 22),
      rateLimit: 30,
      policies: {
        channelPolicy: SshChannelPolicy.fromName(scope, 'ssh-channel', 'default'),
        settings: SshSettingsPolicy.fromName(scope, 'ssh-settings', 'default'),
        auditPolicy: audit,
        authenticationPolicy: SshAuthenticationPolicy.fromName(scope, 'ssh-authentication', 'default'),
      },
    });
    const rdp = new RdpConnectionPolicy(scope, 'terminal', {
      name: 'terminal',
      network: { ...network, ports: [3389] },
      serverAddress: ServerAddress.original(),
      sourceAddress: 'original',
      policies: { channelPolicy: RdpChannelPolicy.fromName(scope, 'rdp-channel', 'default'), settings: RdpSettingsPolicy.fromName(scope, 'rdp-settings', 'default'), auditPolicy: audit },
    });
    new TerraformOutput(scope, 'ssh', { value: ssh.sshConnectionPolicyKey });
    new TerraformOutput(scope, 'rdp', { value: rdp.rdpConnectionPolicyKey });
    const ws = makeWorkspace({ files: { 'main.tf.json': Testing.synth(scope) }, env: { SPS_URL: simulator.url, SPS_USERNAME: 'admin', SPS_PASSWORD: 'admin' } });
    workspaces.push(ws);
    await tfOk(ws, ['init', '-input=false']);
    await tfOk(ws, ['apply', '-auto-approve', '-input=false']);
    const outputs = JSON.parse((await tfOk(ws, ['output', '-json'])).stdout);
    const admin = await adminSession(simulator.url);
    const sshBody = await admin.body(`/api/configuration/ssh/connections/${outputs.ssh.value}`);
    expect(sshBody).toMatchObject({ server_address: { selection: 'fix', address: 'bastion.example.com', port: 22 }, rate_limit: { enabled: true, value: 30 } });
    expect(Object.fromEntries(Object.entries(sshBody.policies).map(([name, value]: any) => [name, value?.key ?? value]))).toMatchObject({
      channel_policy: '-10100',
      settings: '-300',
      authentication_policy: '-200',
    });
    const rdpBody = await admin.body(`/api/configuration/rdp/connections/${outputs.rdp.value}`);
    expect(rdpBody).toMatchObject({ source_address: { selection: 'original' }, policies: { channel_policy: { key: '-20100' }, settings: { key: '-301' } } });
    expect(rdpBody.policies).not.toHaveProperty('authentication_policy');
    await tfOk(ws, ['plan', '-detailed-exitcode', '-input=false'], 0);
  });
});
