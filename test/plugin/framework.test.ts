import { encodeMsgpack } from '../../src/plugin/cty';
import { FrameworkServer, type Provider, type Resource, type Schema, schemaType } from '../../src/plugin/framework';
import { UNKNOWN } from '../../src/plugin/cty/types';
import { tfplugin6 } from '../../src/plugin/proto/generated/messages';
import { proto6Server } from '../../src/plugin/proto6server';
import { createProvider } from '../../src/provider/provider';

const context = { signal: new AbortController().signal, stopped: new AbortController().signal };

describe('the protocol 6 server', () => {
  const provider = createProvider();
  const server = proto6Server(provider);

  it('answers a malformed DynamicValue with a diagnostic instead of crashing', async () => {
    const request = tfplugin6.ValidateResourceConfig.Request.fromObject({ typeName: 'sps_user_list', config: { msgpack: Buffer.from([0xc1, 0xff, 0x00]) } });
    const response = await server.ValidateResourceConfig(request, context);
    expect(response.diagnostics).toEqual([expect.objectContaining({ severity: 1, detail: expect.stringMatching(/malformed msgpack/) })]);
  });

  it('reports model problems with the attribute path', async () => {
    const resource = provider.resources.find((r) => r.typeName === 'sps_user_list')!;
    const config = encodeMsgpack(schemaType(resource.schema), { id: null, name: 'x', allow: 'everybody', except: null });
    const response = await server.ValidateResourceConfig(tfplugin6.ValidateResourceConfig.Request.fromObject({ typeName: 'sps_user_list', config: { msgpack: config } }), context);
    expect(response.diagnostics).toEqual([
      expect.objectContaining({ severity: 1, detail: expect.stringMatching(/^allow: must be "all_users"/), attribute: { steps: [{ attributeName: 'allow' }] } }),
    ]);
  });

  it('answers an unknown resource type with a diagnostic', async () => {
    const response = await server.ReadResource(tfplugin6.ReadResource.Request.fromObject({ typeName: 'sps_nothing', currentState: {} }), context);
    expect(response.diagnostics).toEqual([expect.objectContaining({ detail: expect.stringMatching(/no resource type "sps_nothing"/) })]);
  });

  it('creates nothing in the state when the apply of a create fails before its commit', async () => {
    const resource = provider.resources.find((r) => r.typeName === 'sps_user_list')!;
    const planned = encodeMsgpack(schemaType(resource.schema), { id: null, name: 'x', allow: 'no_user', except: [] });
    // The provider is not configured: the create fails before anything reaches an appliance.
    const request = tfplugin6.ApplyResourceChange.Request.fromObject({ typeName: 'sps_user_list', plannedState: { msgpack: planned }, config: { msgpack: planned } });
    const response = await server.ApplyResourceChange(request, context);
    expect(response.diagnostics).toEqual([expect.objectContaining({ severity: 1, detail: expect.stringMatching(/not configured/) })]);
    expect(Buffer.from(response.newState!.msgpack!)).toEqual(Buffer.from([0xc0])); // msgpack nil: no object
  });
});

describe('write-only attributes in the framework', () => {
  const schema: Schema = {
    description: 'A thing with two write-only secrets.',
    attributes: {
      id: { type: 'string', computed: true, description: 'id' },
      name: { type: 'string', required: true, description: 'name' },
      secret_wo: { type: 'string', optional: true, writeOnly: true, description: 'secret' },
      token_wo: { type: 'string', optional: true, writeOnly: true, description: 'token' },
    },
  };
  const unused = () => Promise.reject(new Error('not called'));
  const resource: Resource = { typeName: 'test_thing', schema, create: unused, read: unused, update: unused, delete: unused };
  const provider: Provider = { typeName: 'test', schema: { description: '', attributes: {} }, resources: [resource], dataSources: [], configure: async () => [] };
  const framework = new FrameworkServer(provider);

  it('plans write-only attributes as null, and a change of one alone as no change', async () => {
    const config = { id: null, name: 'a', secret_wo: 's', token_wo: null };
    expect(await framework.planResourceChange(resource, { prior: null, proposed: config, config }, context)).toEqual({
      planned: { id: UNKNOWN, name: 'a', secret_wo: null, token_wo: null },
      requiresReplace: [],
    });
    const prior = { id: '1', name: 'a', secret_wo: null, token_wo: null };
    const proposed = { ...prior, secret_wo: 'new', token_wo: 't' };
    expect(await framework.planResourceChange(resource, { prior, proposed, config: { ...proposed, id: null } }, context)).toEqual({ planned: prior, requiresReplace: [] });
  });

  it('refuses set write-only attributes (in schema order) to a Terraform that cannot keep them out of the plan', () => {
    const config = { id: null, name: 'a', token_wo: 't', secret_wo: 's' };
    expect(framework.validateResourceConfig(resource, config, true)).toEqual([]);
    expect(framework.validateResourceConfig(resource, { ...config, secret_wo: null }, false)).toEqual([expect.objectContaining({ path: ['token_wo'] })]);
    expect(framework.validateResourceConfig(resource, config, false)).toEqual(
      ['secret_wo', 'token_wo'].map((name) => ({
        severity: 'error',
        summary: 'Write-only attribute needs Terraform 1.11',
        detail: `${name} is write-only: only Terraform 1.11 or later keeps its value out of the plan and the state.`,
        path: [name],
      })),
    );
  });
});
