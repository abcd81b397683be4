import { AuditPolicy, HttpAuthenticationPolicy, HttpChannelPolicy, HttpConnectionPolicy, HttpSettingsPolicy, ServerAddress } from 'sps-iac';

// Inside a TerraformStack:
new HttpConnectionPolicy(this, 'intranet', {
  name: 'intranet_portal',
  network: { clients: ['10.20.0.0/16'], targets: ['10.30.1.10'], ports: [443] },
  serverAddress: ServerAddress.fixed('intranet.example.com', 8443),
  rateLimit: 120,
  policies: {
    channelPolicy: HttpChannelPolicy.fromName(this, 'channel', 'default'),
    settings: HttpSettingsPolicy.fromName(this, 'settings', 'default'),
    auditPolicy: AuditPolicy.fromName(this, 'audit', 'default'),
    authenticationPolicy: HttpAuthenticationPolicy.fromName(this, 'authentication', 'default'),
  },
});
