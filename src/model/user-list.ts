import { z } from 'zod';
import type { CollectionSpec } from './collection';
import { PATHS } from './paths';
import { name, objectFactory, type Strictness, uniqueItems, userName } from './validators';

/** "User lists" in the SPS REST API Reference Guide: a white- or blacklist of usernames. */
function userListSchema(strictness: Strictness) {
  const object = objectFactory(strictness);
  return object({
    name,
    allow: z.enum(['all_users', 'no_user'], { error: 'must be "all_users" (a blacklist) or "no_user" (a whitelist)' }),
    // Membership, not order, matters to the appliance: the provider models this as a set.
    except: uniqueItems(userName, 'usernames').default([]),
  });
}

export const userListBody = userListSchema('strip');
export type UserList = z.infer<typeof userListBody>;

export const userLists: CollectionSpec<UserList> = {
  kind: 'user list',
  path: PATHS.userLists,
  schema: userListBody,
  strictSchema: userListSchema('strict'),
  references: () => [],
  builtins: [
    { key: '-1', body: { name: 'all_users', allow: 'all_users', except: [] } },
    { key: '-2', body: { name: 'no_users', allow: 'no_user', except: [] } },
    { key: '-3', body: { name: 'no_root', allow: 'all_users', except: ['root'] } },
    { key: '-4', body: { name: 'root_only', allow: 'no_user', except: ['root'] } },
  ],
};
