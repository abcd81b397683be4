import { AuditPolicy, RdpChannelPolicy, RdpConnectionPolicy, RdpSettingsPolicy, ServerAddress } from 'sps-iac';

// Inside a TerraformStack:
new RdpConnectionPolicy(this, 'terminal-server', {
  name: 'terminal_server',
  network: { clients: ['10.20.0.0/16'], targets: ['10.50.0.10'], ports: [3389] },
  serverAddress: ServerAddress.fixed('rds.example.com', 3389),
  sourceAddress: 'original',
  channelDatabaseCleanupDays: 180,
  policies: {
    channelPolicy: RdpChannelPolicy.fromName(this, 'channel', 'default'),
    settings: RdpSettingsPolicy.fromName(this, 'settings', 'default'),
    auditPolicy: AuditPolicy.fromName(this, 'audit', 'default'),
  },
});
