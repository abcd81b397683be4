import { Construct } from 'constructs';
import { userLists } from '../model';
import { ValidationError } from './errors';
import { DataSpsUserList } from './generated/sps/data-sps-user-list';
import { UserList as UserListResource } from './generated/sps/user-list';
import { validateAtSynth } from './model-validation';
import { checkOptions, keyProblems, type KeySpec } from './props';
import { referenceKind } from './reference-kind';
import type { IUserList } from './references';

export interface UserListProps {
  /** The name of the user list on the appliance. */
  readonly name: string;
  /** `all_users`: everybody except `except` (a blacklist); `no_user`: only `except` (a whitelist). */
  readonly allow: 'all_users' | 'no_user';
  /** The usernames that are the exception to `allow`. Required, because an empty blacklist allows everybody: say so with `[]`. */
  readonly except: string[];
}

/** The options of `allowOnly` and `denyOnly`. */
export interface UserListUsersOptions {
  readonly name: string;
  /** At least one username. */
  readonly users: string[];
}

const PROPS: KeySpec = { name: true, allow: true, except: true };
const USERS_OPTIONS: KeySpec = { name: true, users: true };
const NAME_OPTIONS: KeySpec = { name: true };

/** User lists (white- or blacklists of usernames), e.g. the built-in "no_root". */
const UserListReference = referenceKind<IUserList>('UserList', 'a user list', DataSpsUserList, 'userListKey');

/** An SPS user list: a white- or blacklist of usernames used by channel policies. */
export class UserList extends Construct implements IUserList {
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

  /** An existing user list (built-ins included, e.g. "no_root"), found by name when Terraform plans. */
  static fromName(scope: Construct, id: string, name: string): IUserList {
    return UserListReference.fromName(scope, id, name);
  }

  /** An existing user list by its key (e.g. "-3", the built-in "no_root"). */
  static fromKey(key: string): IUserList {
    return UserListReference.fromKey(key);
  }

  /** The generated resource, for anything the props do not cover. */
  readonly resource: UserListResource;
  readonly userListKey: string;

  constructor(scope: Construct, id: string, props: UserListProps) {
    super(scope, id);
    const problems = keyProblems('the props', props, PROPS);
    if (problems.length > 0) throw new ValidationError(`invalid UserList: ${problems.join('; ')}`, this);
    const config = { name: props.name, allow: props.allow, except: props.except };
    validateAtSynth(this, userLists, config);
    this.resource = new UserListResource(this, 'Resource', config);
    this.userListKey = this.resource.id;
  }
}

/** The options of `allowOnly` and `denyOnly`, whose empty `users` would be a list of the other kind. */
function checkUsers(scope: Construct, id: string, method: string, options: UserListUsersOptions, whenEmpty: string): void {
  checkOptions(method, options, USERS_OPTIONS, { scope, id });
  if (Array.isArray(options.users) && options.users.length === 0) throw new ValidationError(`invalid ${method}: \`users\` is empty: ${whenEmpty}`, scope, id);
}
