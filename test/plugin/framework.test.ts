import { encodeMsgpack } from '../../src/plugin/cty';
import { providerHandlers, schemaType } from '../../src/plugin/framework';
import { createProvider } from '../../src/provider/provider';

const context = { signal: new AbortController().signal };

describe('provider RPC handlers', () => {
  const provider = createProvider();
  const handlers = providerHandlers(provider);

  it('answers a malformed DynamicValue with a diagnostic instead of crashing', async () => {
    const response = await handlers.ValidateResourceConfig!({ typeName: 'sps_user_list', config: { msgpack: Buffer.from([0xc1, 0xff, 0x00]) } }, context);
    expect(response.diagnostics).toEqual([expect.objectContaining({ severity: 1, detail: expect.stringMatching(/malformed msgpack/) })]);
  });

  it('reports model problems with the attribute path', async () => {
    const resource = provider.resources.find((r) => r.typeName === 'sps_user_list')!;
    const config = encodeMsgpack(schemaType(resource.schema), { id: null, name: 'x', allow: 'everybody', except: null });
    const response = await handlers.ValidateResourceConfig!({ typeName: 'sps_user_list', config: { msgpack: config } }, context);
    expect(response.diagnostics).toEqual([
      expect.objectContaining({ severity: 1, detail: expect.stringMatching(/^allow: must be "all_users"/), attribute: { steps: [{ attributeName: 'allow' }] } }),
    ]);
  });

  it('answers an unknown resource type with a diagnostic', async () => {
    const response = await handlers.ReadResource!({ typeName: 'sps_nothing', currentState: {} }, context);
    expect(response.diagnostics).toEqual([expect.objectContaining({ detail: expect.stringMatching(/no resource type "sps_nothing"/) })]);
  });
});
