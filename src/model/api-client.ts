import { z } from 'zod';
import type { CollectionSpec } from './collection';
import { PATHS } from './paths';
import { name, objectFactory, reference, type Strictness, uniqueItems } from './validators';

/**
 * Scopes an API client can be granted: configuration, logs, IP list, sessions. The SPS guide does
 * not describe API-client apps; their shape follows the OAuth client-credentials clients of other
 * security appliances, a choice listed in the README.
 */
export const API_CLIENT_SCOPES = ['config', 'logs', 'ip', 'sessions'] as const;
export type ApiClientScope = (typeof API_CLIENT_SCOPES)[number];

function apiClientSchema(strictness: Strictness) {
  const object = objectFactory(strictness);
  return object({
    name,
    scopes: uniqueItems(
      z.enum(API_CLIENT_SCOPES, { error: `must be one of ${API_CLIENT_SCOPES.map((s) => `"${s}"`).join(', ')}` }),
      'scopes',
    ).min(1, 'must grant at least one scope'),
    applies_to: z.discriminatedUnion(
      'selection',
      [
        object({ selection: z.literal('all') }),
        object({
          selection: z.literal('groups'),
          groups: uniqueItems(reference('local user group'), 'groups').min(1, 'must list at least one group when selection is "groups"'),
        }),
      ],
      { error: 'selection must be "all" or "groups"' },
    ),
  });
}

export const apiClientBody = apiClientSchema('strip');

/**
 * The shortest secret a create may choose for the client (instead of letting the appliance
 * generate one). Choosing is the simulator's choice where the reference is silent; see the README.
 */
export const MIN_CHOSEN_SECRET_LENGTH = 24;
export type ApiClient = z.infer<typeof apiClientBody>;

/** What the appliance adds to an API client: read-only, never accepted in requests. */
export const apiClientReadOnly = z.object({
  client_id: z.string(),
  status: z.enum(['pending', 'authorized']),
});
export type ApiClientReadOnly = z.infer<typeof apiClientReadOnly>;

/** The create response of an API client carries the secret; no later response does. */
export const apiClientCreated = apiClientReadOnly.extend({ client_secret: z.string().min(1) });

export const apiClients: CollectionSpec<ApiClient> = {
  kind: 'API client',
  path: PATHS.apiClients,
  schema: apiClientBody,
  strictSchema: apiClientSchema('strict'),
  readOnlyFields: ['client_id', 'client_secret', 'status'],
  references: (body) =>
    body.applies_to.selection === 'groups'
      ? body.applies_to.groups.map((key, index) => ({ path: ['applies_to', 'groups', index], collection: PATHS.localGroups, key }))
      : [],
  builtins: [],
};
