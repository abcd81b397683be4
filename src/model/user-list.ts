import { nameField, userNameField } from './common-fields';
import { oneOf, set } from './fields';
import { defineKind } from './kind';
import { PATHS } from './paths';

/** "User lists" in the SPS REST API Reference Guide: a white- or blacklist of usernames. */
export const userLists = defineKind({
  id: 'user_list',
  kind: 'user list',
  plural: 'user lists',
  path: PATHS.userLists,
  doc:
    'A user list: a local white- or blacklist of usernames that channel policies use to control who may access a connection or channel ' +
    '(`/api/configuration/policies/userlists`). User lists cannot prevent a user from accessing a server from a local terminal.',
  managed: true,
  lookup: true,
  fields: {
    name: nameField('The name of the user list.'),
    allow: oneOf(
      ['all_users', 'no_user'],
      'The default policy of the list: `all_users` makes a blacklist (everybody is permitted except the users in `except`), ' +
        '`no_user` makes a whitelist (only the users in `except` are permitted).',
      'must be "all_users" (a blacklist) or "no_user" (a whitelist)',
    ),
    // Membership, not order, matters to the appliance.
    except: set(userNameField('A username.'), 'usernames', 'The usernames that are the exception to `allow`. Defaults to an empty list.').default([]),
  },
  builtins: [
    { key: '-1', body: { name: 'all_users', allow: 'all_users', except: [] } },
    { key: '-2', body: { name: 'no_users', allow: 'no_user', except: [] } },
    { key: '-3', body: { name: 'no_root', allow: 'all_users', except: ['root'] } },
    { key: '-4', body: { name: 'root_only', allow: 'no_user', except: ['root'] } },
  ],
  example: {
    initial: { name: 'deployers', allow: 'no_user', except: ['deploy'] },
    updated: { name: 'deployers', allow: 'no_user', except: ['release-bot', 'deploy'] },
  },
});

export type UserList = (typeof userLists)['builtins'][number]['body'];
