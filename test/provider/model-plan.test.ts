import { httpConnectionPolicies } from '../../src/model';
import { UNKNOWN, Unknown } from '../../src/plugin/cty/types';
import { objectTypeOf, planChange } from '../../src/plugin/framework';
import { fromApiBody } from '../../src/provider/mapping/api-body';
import { checkAgainstKind, planWithModelDefaults } from '../../src/provider/mapping/model-plan';
import { fieldAttributes } from '../../src/provider/model-schema';

const modelType = objectTypeOf(fieldAttributes(httpConnectionPolicies.fields));

/** A configuration value as Terraform sends it: every attribute present, null where unset. */
function config(body: Record<string, unknown>) {
  return fromApiBody(modelType, body) as Record<string, any>;
}

const minimal = {
  name: 'intranet',
  network: { clients: ['10.0.0.0/8'], targets: ['10.1.1.1'], ports: [443] },
  server_address: { selection: 'fix', address: 'intranet.example.com', port: 8443 },
  policies: { channel_policy: '-304001002', settings: '-3040010', audit_policy: '-10000', authentication_policy: '-304002001' },
};

describe('plan-time use of the model', () => {
  it('plans the values the appliance will store for omitted fields', () => {
    const check = checkAgainstKind(httpConnectionPolicies, config(minimal));
    expect(check.issues).toEqual([]);
    const planned = planWithModelDefaults(modelType, config(minimal), check.stored) as any;
    expect(planned.active).toBe(true);
    expect(planned.rate_limit).toEqual({ enabled: false, value: null });
    expect(planned.transport_security.selection).toBe('disabled');
    expect(planned.policies.ldap_server).toBeNull();
    // Fields of other server_address variants stay null rather than planning a value the appliance won't store.
    expect(planned.server_address.dns_suffixes).toBeNull();
    expect(planned.server_address.custom_dns).toBeNull();
  });

  it('leaves unknown values unknown and skips checks that depend on them', () => {
    const value = config(minimal);
    value.policies.audit_policy = UNKNOWN;
    const check = checkAgainstKind(httpConnectionPolicies, value);
    expect(check.issues).toEqual([]);
    expect(check.hasUnknowns).toBe(true);
    const planned = planWithModelDefaults(modelType, value, undefined) as any;
    expect(planned.policies.audit_policy).toBeInstanceOf(Unknown);
    expect(planned.active).toBeInstanceOf(Unknown);
  });

  it('reports misplaced and invalid fields with their paths', () => {
    const value = config({ ...minimal, server_address: { selection: 'fix', address: 'a.example', port: 0, dns_server: '1.1.1.1' } });
    const paths = checkAgainstKind(httpConnectionPolicies, value).issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(['server_address.port', 'server_address.dns_server']);
  });
});

describe('framework planning', () => {
  const schema = {
    description: 'test',
    attributes: {
      id: { type: 'string' as const, computed: true, description: 'id', planModifiers: ['useStateForUnknown' as const] },
      name: { type: 'string' as const, required: true, description: 'name' },
      status: { type: 'string' as const, computed: true, description: 'status' },
      keepers: { type: { map: 'string' as const }, optional: true, description: 'k', planModifiers: ['requiresReplace' as const] },
    },
  };

  it('keeps prior computed values when nothing changes, so there is no perpetual diff', () => {
    const prior = { id: 'k1', name: 'a', status: 'pending', keepers: null };
    const { planned, requiresReplace } = planChange(schema, prior, prior, { id: null, name: 'a', status: null, keepers: null });
    expect(planned).toEqual(prior);
    expect(requiresReplace).toEqual([]);
  });

  it('marks computed values unknown on change unless useStateForUnknown, and reports replacements', () => {
    const prior = { id: 'k1', name: 'a', status: 'pending', keepers: { r: '1' } };
    const proposed = { ...prior, name: 'b', keepers: { r: '2' } };
    const { planned, requiresReplace } = planChange(schema, prior, proposed, { id: null, name: 'b', status: null, keepers: { r: '2' } });
    expect(planned.id).toBe('k1');
    expect(planned.status).toBeInstanceOf(Unknown);
    expect(requiresReplace).toEqual([['keepers']]);
  });
});
