import { encodeMsgpack } from '../../src/plugin/cty';
import { schemaType } from '../../src/plugin/framework';
import { tfplugin6 } from '../../src/plugin/proto/generated/messages';
import { proto6Server } from '../../src/plugin/proto6server';
import { createProvider } from '../../src/provider/provider';

const context = { signal: new AbortController().signal };

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
