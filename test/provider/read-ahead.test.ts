/**
 * A refresh's GET starts at UpgradeResourceState, one RPC before the ReadResource that uses it, so
 * that the round trip to the appliance overlaps Terraform's own work between the two calls (see
 * ReadAhead in src/provider/runtime.ts). Driven through the protocol server against the real
 * simulator; the simulator's request log shows when each GET was sent.
 */
import { schemaType } from '../../src/plugin/framework';
import { decodeObject, encodeDynamic } from '../../src/plugin/proto6server/convert';
import { proto6Server } from '../../src/plugin/proto6server';
import type { CallContext, ProviderServer, tfplugin6 } from '../../src/plugin/server/protocol';
import { createProvider } from '../../src/provider/provider';
import { providerSchema } from '../../src/provider/provider-config';
import { ReadAhead } from '../../src/provider/runtime';
import type { SimulatorHandle } from '../../src/simulator';
import { adminSession, startTestSimulator } from '../support/simulator';
import { deadline, waitFor } from '../support/wait';

jest.setTimeout(deadline(60_000));

const USER_LISTS = '/api/configuration/policies/userlists';
const TYPE = 'sps_user_list';
let simulator: SimulatorHandle;
let requests: string[];
let server: ProviderServer;
const context: CallContext = { signal: new AbortController().signal, stopped: new AbortController().signal };

beforeEach(async () => {
  requests = [];
  simulator = await startTestSimulator({ log: (line) => requests.push(line) });
  server = proto6Server(createProvider());
  const config = { ...Object.fromEntries(Object.keys(providerSchema.attributes).map((name) => [name, null])), url: simulator.url, username: 'admin', password: 'admin' };
  const configured = await server.ConfigureProvider({ config: encodeDynamic(schemaType(providerSchema), config) } as unknown as tfplugin6.ConfigureProvider.Request, context);
  expect(configured.diagnostics ?? []).toEqual([]);
});
afterEach(async () => {
  await server.StopProvider({} as tfplugin6.StopProvider.Request, context);
  await simulator.close();
});

async function createLists(names: string[]): Promise<string[]> {
  const admin = await adminSession(simulator.url);
  const keys: string[] = [];
  for (const name of names) keys.push(((await admin.commitChange('POST', USER_LISTS, { name, allow: 'no_user', except: [] })) as { key: string }).key);
  return keys;
}

const stored = (key: string, name: string) => ({ id: key, name, allow: 'no_user', except: [] });
const getsOf = (key: string) => requests.filter((line) => line.startsWith(`GET ${USER_LISTS}/${key} `)).length;

/** Terraform's refresh of one object: UpgradeResourceState with the stored JSON, then ReadResource of what it answered. */
async function upgrade(key: string, name: string): Promise<tfplugin6.DynamicValue.$Properties> {
  const answer = await server.UpgradeResourceState({ typeName: TYPE, version: 0, rawState: { json: Buffer.from(JSON.stringify(stored(key, name))) } } as unknown as tfplugin6.UpgradeResourceState.Request, context);
  expect(answer.diagnostics ?? []).toEqual([]);
  return answer.upgradedState!;
}

async function read(state: tfplugin6.DynamicValue.$Properties): Promise<Record<string, unknown> | null> {
  const answer = await server.ReadResource({ typeName: TYPE, currentState: state } as unknown as tfplugin6.ReadResource.Request, context);
  expect(answer.diagnostics ?? []).toEqual([]);
  const type = schemaType(createProvider().resources.find((resource) => resource.typeName === TYPE)!.schema);
  return decodeObject(type, answer.newState as tfplugin6.DynamicValue);
}

it('in a refresh, the upgrade of an object sends its GET and the read answers with it, without another', async () => {
  const [first, second] = await createLists(['first', 'second']);
  // The first read of the process: nothing was read ahead yet, the read sends its own GET.
  expect(await read(await upgrade(first, 'first'))).toMatchObject({ id: first, name: 'first' });
  expect(getsOf(first)).toBe(1);

  const upgraded = await upgrade(second, 'second');
  await waitFor(`the simulator received the GET of ${second}, sent by its UpgradeResourceState before any ReadResource of it`, () => getsOf(second) === 1);
  expect(await read(upgraded)).toMatchObject({ id: second, name: 'second' });
  expect(getsOf(second)).toBe(1);
});

it('a read ahead that finds the object gone answers null, as the read would', async () => {
  const [first, gone] = await createLists(['first', 'gone']);
  await read(await upgrade(first, 'first'));
  const admin = await adminSession(simulator.url);
  await admin.commitChange('DELETE', `${USER_LISTS}/${gone}`);
  const upgraded = await upgrade(gone, 'gone');
  await waitFor(`the GET of ${gone} sent by its upgrade`, () => getsOf(gone) === 1);
  expect(await read(upgraded)).toBeNull();
  expect(getsOf(gone)).toBe(1);
});

it('once the process has written, an upgrade sends no GET: the read sends its own', async () => {
  const [first, second, third] = await createLists(['first', 'second', 'third']);
  const type = schemaType(createProvider().resources.find((resource) => resource.typeName === TYPE)!.schema);
  const refreshed = await server.ReadResource({ typeName: TYPE, currentState: await upgrade(first, 'first') } as unknown as tfplugin6.ReadResource.Request, context);
  const deleted = await server.ApplyResourceChange({
    typeName: TYPE,
    priorState: refreshed.newState,
    plannedState: encodeDynamic(type, null),
    config: encodeDynamic(type, null),
  } as unknown as tfplugin6.ApplyResourceChange.Request, context);
  expect(deleted.diagnostics ?? []).toEqual([]);

  const upgraded = await upgrade(second, 'second');
  await read(await upgrade(third, 'third'));
  await read(upgraded);
  // Read ahead, the GET of `second` would have left at its upgrade, before the GET of `third`.
  const gets = requests.filter((line) => line.startsWith(`GET ${USER_LISTS}/`));
  expect(gets.findIndex((line) => line.includes(third))).toBeLessThan(gets.findIndex((line) => line.includes(second)));
  expect(getsOf(second)).toBe(1);
});

describe('ReadAhead', () => {
  const counting = () => {
    const calls: string[] = [];
    return { calls, read: (id: string, answer: Promise<unknown> = Promise.resolve(`answer of ${id}`)) => () => (calls.push(id), answer) };
  };

  it('reads nothing ahead before the process has refreshed anything (an apply upgrades states it does not read)', async () => {
    const ahead = new ReadAhead();
    const { calls, read: reader } = counting();
    ahead.start('a', reader('a'));
    expect(calls).toEqual([]);
    expect(await ahead.take('a')).toBeUndefined();
    ahead.refreshing();
    ahead.start('b', reader('b'));
    expect(calls).toEqual(['b']);
    expect(await ahead.take('b')).toBe('answer of b');
    // Used once: a second read of the same object asks the appliance again.
    expect(await ahead.take('b')).toBeUndefined();
  });

  it('uses nothing read ahead once the process has written, and reads nothing ahead after', async () => {
    const ahead = new ReadAhead();
    const { calls, read: reader } = counting();
    ahead.refreshing();
    ahead.start('before-write', reader('before-write'));
    ahead.stop();
    expect(await ahead.take('before-write')).toBeUndefined();
    ahead.refreshing();
    ahead.start('after-write', reader('after-write'));
    expect(calls).toEqual(['before-write']);
    expect(await ahead.take('after-write')).toBeUndefined();
  });

  it('forgets a read ahead that failed, so that the read asks again and reports what it finds', async () => {
    const ahead = new ReadAhead();
    ahead.refreshing();
    ahead.start('a', () => Promise.reject(new Error('connection reset')));
    expect(await ahead.take('a')).toBeUndefined();
  });
});
