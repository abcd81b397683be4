import { ApiClient } from 'sps-iac';

// Inside a TerraformStack: the client ID and the (sensitive) secret become stack outputs.
new ApiClient(this, 'siem', { name: 'siem-log-export', scopes: ['logs'], rotation: '2026-q4' });
