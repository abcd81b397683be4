import { AuditPolicy, ServerAddress, SshAuthenticationPolicy, SshChannelPolicy, SshConnectionPolicy, SshSettingsPolicy } from 'sps-iac';

// Inside a TerraformStack:
new SshConnectionPolicy(this, 'linux-servers', {
  name: 'linux_servers',
  network: { clients: ['10.20.0.0/16'], targets: ['10.40.0.0/16'], ports: [22] },
  serverAddress: ServerAddress.original(),
  rateLimit: 60,
  policies: {
    channelPolicy: SshChannelPolicy.fromName(this, 'channel', 'default'),
    settings: SshSettingsPolicy.fromName(this, 'settings', 'default'),
    auditPolicy: AuditPolicy.fromName(this, 'audit', 'default'),
    authenticationPolicy: SshAuthenticationPolicy.fromName(this, 'authentication', 'default'),
  },
});
