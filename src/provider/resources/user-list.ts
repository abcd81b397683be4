import { type UserList, userLists } from '../../model';
import type { Attribute, Resource } from '../../plugin/framework';
import type { ProviderRuntime } from '../runtime';
import { modelResource } from './model-resource';

/** The user list's attributes that map one-to-one to body fields (sps-export writes exactly these). */
export const userListAttributes: Readonly<Record<string, Attribute>> = {
  name: { type: 'string', required: true, description: 'The name of the user list.' },
  allow: {
    type: 'string',
    required: true,
    description:
      'The default policy of the list: `all_users` makes a blacklist (everybody is permitted except the users in `except`), ' +
      '`no_user` makes a whitelist (only the users in `except` are permitted).',
  },
  except: {
    // The appliance matches membership, so order carries no meaning: a set avoids diffs from reordering.
    type: { set: 'string' },
    optional: true,
    computed: true,
    description: 'The usernames that are the exception to `allow`. Defaults to an empty list.',
  },
};

/** `sps_user_list`: "User lists" in the SPS REST API Reference Guide. */
export function userListResource(runtime: ProviderRuntime): Resource {
  return modelResource<UserList>(runtime, {
    typeName: 'sps_user_list',
    spec: userLists,
    builtinLookup: 'sps_user_list',
    description:
      'A user list: a local white- or blacklist of usernames that channel policies use to control who may access a connection or channel ' +
      '(`/api/configuration/policies/userlists`). User lists cannot prevent a user from accessing a server from a local terminal.',
    modelAttributes: userListAttributes,
    normalize: (body) => ({ ...body, except: [...body.except].sort() }),
  });
}
