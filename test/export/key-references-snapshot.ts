/** An export snapshot whose references cannot all be looked up by name (namesakes, a missing object), shared by the unit and the fmt test. */
import { EXPORTED_KINDS } from '../../src/export/kinds';
import type { ApplianceSnapshot, ReadObject, TargetInfo } from '../../src/export/read-appliance';
import { apiClients, PATHS } from '../../src/model';

const apiClientKind = EXPORTED_KINDS.find((kind) => kind.name === 'api_client')!;
const client = (key: string, name: string, groups: string[]): ReadObject => ({
  kind: apiClientKind,
  key,
  name,
  body: apiClients.schema.parse({ name, scopes: ['logs'], applies_to: { selection: 'groups', groups } }),
});
const group = (key: string) => `${PATHS.localGroups}/${key}`;
export const KEY_REFERENCES_SNAPSHOT: ApplianceSnapshot = {
  generic: [],
  objects: [client('0000000000a1', 'siem', ['00000000000000000000000b', '00000000000000000000000c', '00000000000d', '00000000000000000000000e'])],
  leftOut: new Map(),
  targets: new Map<string, TargetInfo>([
    [group('00000000000000000000000b'), { found: true, name: 'ops' }],
    [group('00000000000000000000000c'), { found: true, name: 'ops' }],
    [group('00000000000d'), { found: false, reason: 'the appliance has no such object' }],
    [group('00000000000000000000000e'), { found: true, name: 'auditors' }],
  ]),
  objectsRead: 5,
  kindsListed: 1,
};
