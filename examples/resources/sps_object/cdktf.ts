import { SpsObject } from 'sps-iac';

// Inside a TerraformStack (bindPassword: e.g. a TerraformVariable with sensitive: true):
new SpsObject(this, 'branch-ldap', {
  path: '/api/configuration/policies/ldap_servers',
  body: {
    name: 'branch-ldap',
    description: 'The branch office directory',
    user_base_dn: 'ou=people,dc=branch,dc=example,dc=com',
    bind_dn: 'cn=sps,ou=service,dc=branch,dc=example,dc=com',
  },
  sensitiveBody: { bind_password: bindPassword.stringValue },
});

// The global SSH options, a singleton: only service.log_level is managed; destroy only forgets it.
new SpsObject(this, 'ssh-options', {
  path: '/api/configuration/ssh/options',
  singleton: true,
  body: { service: { log_level: 6 } },
});
