import { SshChannelPolicy, TimePolicy, UserList } from 'sps-iac';

// Inside a TerraformStack:
const operators = UserList.allowOnly(this, 'operators', { name: 'ssh_operators', users: ['alice', 'bob'] });
const weekdays = [['8:00', '18:00']];
const officeHours = new TimePolicy(this, 'office-hours', { name: 'ssh_office_hours', mon: weekdays, tue: weekdays, wed: weekdays, thu: weekdays, fri: weekdays });
new SshChannelPolicy(this, 'operators-shell', {
  name: 'operators_shell',
  rules: [
    // The list goes in by name (Terraform creates it first), the time policy by key.
    SshChannelPolicy.allow('session-shell', { remoteGroups: [operators], during: officeHours }),
    { ...SshChannelPolicy.allow('session-exec', { gatewayGroups: ['deployers'] }), execs: ['rsync --server .*'] },
    { channel: 'session-subsystem', subsystems: ['sftp'], from: [{ value: '10.0.0.0/8' }] },
  ],
});
