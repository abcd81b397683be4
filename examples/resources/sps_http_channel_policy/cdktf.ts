import { HttpChannelPolicy } from 'sps-iac';

// Inside a TerraformStack:
new HttpChannelPolicy(this, 'intranet', {
  name: 'intranet_web',
  rules: [
    { channel: 'http', from: [{ value: '10.0.0.0/8' }] },
    HttpChannelPolicy.allow('websocket', { remoteGroups: ['web-admins'] }),
  ],
});
