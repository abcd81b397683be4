import { ApiClient, AppliesTo, LocalGroup } from 'sps-iac';

// Inside a TerraformStack: a SIEM that reads the logs of the members of the "soc" group. Its client
// ID and (sensitive) secret are the construct's clientId and clientSecret properties; add
// `outputs: true` to make them stack outputs.
new ApiClient(this, 'siem', {
  name: 'siem-log-export',
  scopes: ['logs'],
  appliesTo: AppliesTo.groups([LocalGroup.fromName(this, 'soc', 'soc')]),
  rotation: '2026-q4', // change it to rotate the secret (the client is replaced)
});
