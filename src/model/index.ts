import type { CollectionSpec } from './collection';
import { apiClients } from './api-client';
import { httpConnectionPolicies } from './http-connection-policy';
import * as referenced from './referenced-objects';
import { userLists } from './user-list';

export * from './collection';
export * from './paths';
export * from './validators';
export * from './user-list';
export * from './http-connection-policy';
export * from './api-client';
export * from './referenced-objects';
export * from './issues';

/** Every collection the simulator serves and the client understands. */
export const collections: ReadonlyArray<CollectionSpec<unknown>> = [
  userLists,
  httpConnectionPolicies,
  apiClients,
  referenced.httpChannelPolicies,
  referenced.httpSettingsPolicies,
  referenced.httpAuthenticationPolicies,
  referenced.auditPolicies,
  referenced.indexingPolicies,
  referenced.ldapServers,
  referenced.backupPolicies,
  referenced.usermappingPolicies,
  referenced.archiveCleanupPolicies,
  referenced.analyticsPolicies,
  referenced.localGroups,
  referenced.x509Identities,
  referenced.signingCas,
  referenced.trustedCaLists,
];

const byPath = new Map(collections.map((c) => [c.path, c]));

export function collectionByPath(path: string): CollectionSpec<unknown> | undefined {
  return byPath.get(path.replace(/\/+$/, ''));
}
export * from './partial-check';
