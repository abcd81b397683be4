import { UserList } from 'sps-iac';

// Inside a TerraformStack:
UserList.denyOnly(this, 'no-root', { name: 'no_root_logins', users: ['root'] });
UserList.allowOnly(this, 'deployers', { name: 'deployers', users: ['deploy', 'release-bot'] });
