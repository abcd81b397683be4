import { z } from 'zod';
import type { CollectionSpec } from './collection';
import { PATHS } from './paths';
import { name, objectFactory, type Strictness } from './validators';

/**
 * Objects that HTTP connection policies and API clients reference but the product does not manage.
 * Only their name is modelled; the appliance has many more fields, which pass through unvalidated
 * here because the provider only looks these objects up.
 */
function namedObjectSchema(strictness: Strictness) {
  return objectFactory(strictness)({ name, description: z.string().optional() });
}

export const namedObjectBody = namedObjectSchema('strip');
export type NamedObject = z.infer<typeof namedObjectBody>;

function namedCollection(kind: string, path: string, builtins: Array<[key: string, name: string]> = []): CollectionSpec<NamedObject> {
  return {
    kind,
    path,
    schema: namedObjectBody,
    strictSchema: namedObjectSchema('strict'),
    references: () => [],
    builtins: builtins.map(([key, objectName]) => ({ key, body: { name: objectName } })),
  };
}

// Built-in keys from the samples of the SPS REST API Reference Guide where it shows them; the names are the appliance's defaults.
export const httpChannelPolicies = namedCollection('HTTP channel policy', PATHS.httpChannelPolicies, [['-304001002', 'default']]);
export const httpSettingsPolicies = namedCollection('HTTP settings policy', PATHS.httpSettingsPolicies, [['-3040010', 'default']]);
export const httpAuthenticationPolicies = namedCollection('HTTP authentication policy', PATHS.httpAuthenticationPolicies, [
  ['-304002001', 'default'],
]);
export const auditPolicies = namedCollection('audit policy', PATHS.auditPolicies, [['-10000', 'default']]);
export const indexingPolicies = namedCollection('indexing policy', PATHS.indexingPolicies, [['-50000', 'default']]);
export const ldapServers = namedCollection('LDAP server', PATHS.ldapServers);
export const backupPolicies = namedCollection('backup policy', PATHS.backupPolicies);
export const usermappingPolicies = namedCollection('usermapping policy', PATHS.usermappingPolicies);
export const archiveCleanupPolicies = namedCollection('archive/cleanup policy', PATHS.archiveCleanupPolicies);
export const analyticsPolicies = namedCollection('analytics policy', PATHS.analyticsPolicies);
export const localGroups = namedCollection('local user group', PATHS.localGroups);
export const x509Identities = namedCollection('X.509 identity', PATHS.x509Identities);
export const signingCas = namedCollection('signing CA', PATHS.signingCas);
export const trustedCaLists = namedCollection('trusted CA list', PATHS.trustedCaLists);
