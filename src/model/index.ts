import { apiClients } from './api-client';
import { httpChannelPolicies, rdpChannelPolicies, sshChannelPolicies } from './channel-policies';
import type { CollectionSpec } from './collection';
import { httpConnectionPolicies } from './http-connection-policy';
import type { Kind } from './kind';
import { rdpConnectionPolicies } from './rdp-connection-policy';
import * as referenced from './referenced-objects';
import { sshConnectionPolicies } from './ssh-connection-policy';
import { timePolicies } from './time-policy';
import { userLists } from './user-list';

export * from './collection';
export * from './paths';
export * from './validators';
export * from './fields';
export * from './kind';
export * from './user-list';
export * from './http-connection-policy';
export * from './api-client';
export * from './time-policy';
export * from './ssh-connection-policy';
export * from './rdp-connection-policy';
export * from './channel-policies';
export * from './referenced-objects';
export * from './issues';
export * from './object-path';
export * from './spelling';
export * from './secret-names';

/**
 * Every kind, in the order docs, exports and summaries list them: the managed kinds first, then
 * the kinds that are only looked up. The simulator serves them all and the client understands them.
 */
export const KINDS: readonly Kind[] = [
  userLists,
  httpConnectionPolicies,
  apiClients,
  timePolicies,
  sshConnectionPolicies,
  rdpConnectionPolicies,
  httpChannelPolicies,
  sshChannelPolicies,
  rdpChannelPolicies,
  referenced.httpSettingsPolicies,
  referenced.httpAuthenticationPolicies,
  referenced.sshSettingsPolicies,
  referenced.sshAuthenticationPolicies,
  referenced.rdpSettingsPolicies,
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
  referenced.contentPolicies,
] as unknown as readonly Kind[];

/** Every collection the simulator serves and the client understands. */
export const collections: ReadonlyArray<CollectionSpec<unknown>> = KINDS;

const byPath = new Map(KINDS.map((kind) => [kind.path, kind]));
const byId = new Map(KINDS.map((kind) => [kind.id, kind]));

export function collectionByPath(path: string): Kind | undefined {
  return byPath.get(path.replace(/\/+$/, ''));
}

export function kindById(id: string): Kind | undefined {
  return byId.get(id.replace(/^sps_/, ''));
}
export * from './partial-check';
