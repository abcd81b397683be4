/**
 * The constructs are derived from the kinds' descriptions in src/model: every kind has its class
 * (constructs for the managed kinds, `fromName`/`fromKey` for those with a data source), and the
 * props' keys are checked at every level the model describes, list entries and variants included.
 */
import { Testing, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import * as constructs from '../../src/constructs';
import { KINDS } from '../../src/model';

const stack = () => new TerraformStack(Testing.app(), 'app');
const pascal = (id: string) => id.replace(/(^|_)([a-z0-9])/g, (_, __, letter: string) => letter.toUpperCase());
const camel = (id: string) => id.replace(/_([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());
const exported = constructs as unknown as Record<string, { fromName?: (...args: unknown[]) => Record<string, string>; fromKey?: (key: string) => unknown }>;

describe('every kind of the model has its class', () => {
  it.each(KINDS.filter((kind) => kind.lookup).map((kind) => [kind.id]))('%s: fromName looks it up with its data source, fromKey carries the key', (id) => {
    const scope = stack();
    const reference = exported[pascal(id)].fromName!(scope, 'found', 'default');
    expect(Object.keys(reference)).toEqual([`${camel(id)}Key`]);
    expect(JSON.parse(Testing.synth(scope)).data[`sps_${id}`].found).toEqual({ name: 'default' });
    expect(exported[pascal(id)].fromKey!('-1')).toEqual({ [`${camel(id)}Key`]: '-1' });
  });

  it.each(KINDS.filter((kind) => kind.managed).map((kind) => [kind.id, kind.lookup]))('%s: a construct (fromName: %s)', (id, lookup) => {
    const Class = exported[pascal(id)];
    expect(Class.prototype).toBeInstanceOf(Construct);
    expect(typeof Class.fromName === 'function').toBe(lookup);
  });
});

describe('props are checked where the model describes them', () => {
  const policies = {
    channelPolicy: constructs.HttpChannelPolicy.fromKey('-304001002'),
    settings: constructs.HttpSettingsPolicy.fromKey('-3040010'),
    auditPolicy: constructs.AuditPolicy.fromKey('-10000'),
    authenticationPolicy: constructs.HttpAuthenticationPolicy.fromKey('-304002001'),
  };
  const policy = (extra: Record<string, unknown>) =>
    new constructs.HttpConnectionPolicy(stack(), 'p', {
      name: 'p',
      network: { clients: ['10.0.0.0/8'], targets: ['10.1.1.1'], ports: [443] },
      serverAddress: constructs.ServerAddress.original(),
      policies,
      ...extra,
    });
  const rule = { authorizer: 'a', permission: 'audit', requireDifferentIp: true, requireDifferentUsername: true };

  it('the keys of a variant inside a list entry', () => {
    expect(() => policy({ accessControl: [{ ...rule, subject: { selection: 'only', grup: 'auditors' } }] })).toThrow(
      'app/p: invalid HttpConnectionPolicy: `accessControl[0].subject` has an unknown property `grup` (did you mean `group`?); known: `selection`, `group`; `accessControl[0].subject` is missing the required property `group`',
    );
    expect(() => policy({ accessControl: [{ ...rule, subject: 'everybody' }] })).toThrow('`accessControl[0].subject` must be an object, got string "everybody"');
  });

  it('the top-level props: the model\'s fields in camelCase, with the sugar in their place', () => {
    expect(() => policy({ activ: false })).toThrow(
      'the props has an unknown property `activ` (did you mean `active`?); known: `name`, `active`, `network`, `serverAddress`, `sourceAddress`, `webProxy`, `transportSecurity`, `accessControl`, `indexing`, `rateLimit`, `logAuditTrailDownloads`, `channelDatabaseCleanupDays`, `logLevel`, `policies`',
    );
  });
});
