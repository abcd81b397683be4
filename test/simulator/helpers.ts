export { RestSession } from '../support/rest-session';

export const USER_LISTS = '/api/configuration/policies/userlists';
export const CONNECTIONS = '/api/configuration/http/connections';
export const API_CLIENTS = '/api/configuration/aaa/api_clients';
export const LOCAL_GROUPS = '/api/configuration/aaa/local_database/groups';

export const validPolicy = (overrides: Record<string, unknown> = {}) => ({
  name: 'intranet',
  network: { clients: ['10.0.0.0/8'], targets: ['10.1.1.1'], ports: [443] },
  server_address: { selection: 'fix', address: 'intranet.example.com', port: 8443 },
  policies: { channel_policy: '-304001002', settings: '-3040010', audit_policy: '-10000', authentication_policy: '-304002001' },
  ...overrides,
});
