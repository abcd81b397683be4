import { RdpChannelPolicy } from 'sps-iac';

// Inside a TerraformStack:
new RdpChannelPolicy(this, 'remote-app', {
  name: 'remote_app',
  rules: [
    RdpChannelPolicy.allow('#drawing'),
    { channel: 'customs', customs: ['rail', 'rail_ri', 'rail_wi'] },
    { channel: 'cliprdr', actions: { fourEyes: true }, target: [{ value: '10.20.0.0/16' }] },
  ],
});
