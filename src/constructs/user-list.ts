import type { Construct } from 'constructs';
import { userLists } from '../model';
import { ValidationError } from './errors';
import { type ConstructProps, kindConstruct } from './kind-construct';
import { checkOptions, type KeySpec } from './props';

/**
 * The name of the list, `allow` (`all_users`: everybody except `except`, a blacklist; `no_user`:
 * only `except`, a whitelist) and `except`, required because an empty blacklist allows everybody:
 * say so with `[]`.
 */
export type UserListProps = ConstructProps<typeof userLists, Record<never, never>, 'except'>;

/** The options of `allowOnly` and `denyOnly`. */
export interface UserListUsersOptions {
  /** The name of the user list. */
  readonly name: string;
  /** At least one username. */
  readonly users: string[];
}

const USERS_OPTIONS: KeySpec = { name: true, users: true };
const NAME_OPTIONS: KeySpec = { name: true };

/** An SPS user list: a white- or blacklist of usernames used by channel policies; `UserList.fromName` finds existing ones (e.g. the built-in "no_root"). */
export class UserList extends kindConstruct(userLists, { required: ['except'] }) {
  /** A whitelist: only these users are permitted (at least one; see `allowNobody`). */
  static allowOnly(scope: Construct, id: string, options: UserListUsersOptions): UserList {
    checkUsers(scope, id, 'UserList.allowOnly', options, 'an empty whitelist permits nobody: use UserList.allowNobody to say so');
    return new UserList(scope, id, { name: options.name, allow: 'no_user', except: options.users });
  }

  /** A blacklist: everybody except these users is permitted (at least one; see `allowEveryone`). */
  static denyOnly(scope: Construct, id: string, options: UserListUsersOptions): UserList {
    checkUsers(scope, id, 'UserList.denyOnly', options, 'an empty blacklist permits everybody: use UserList.allowEveryone to say so');
    return new UserList(scope, id, { name: options.name, allow: 'all_users', except: options.users });
  }

  /** Everybody is permitted: an empty blacklist, said explicitly. */
  static allowEveryone(scope: Construct, id: string, options: { readonly name: string }): UserList {
    checkOptions('UserList.allowEveryone', options, NAME_OPTIONS, { scope, id });
    return new UserList(scope, id, { name: options.name, allow: 'all_users', except: [] });
  }

  /** Nobody is permitted: an empty whitelist, said explicitly. */
  static allowNobody(scope: Construct, id: string, options: { readonly name: string }): UserList {
    checkOptions('UserList.allowNobody', options, NAME_OPTIONS, { scope, id });
    return new UserList(scope, id, { name: options.name, allow: 'no_user', except: [] });
  }
}

/** The options of `allowOnly` and `denyOnly`, whose empty `users` would be a list of the other kind. */
function checkUsers(scope: Construct, id: string, method: string, options: UserListUsersOptions, whenEmpty: string): void {
  checkOptions(method, options, USERS_OPTIONS, { scope, id });
  if (Array.isArray(options.users) && options.users.length === 0) throw new ValidationError(`invalid ${method}: \`users\` is empty: ${whenEmpty}`, scope, id);
}
