import { Construct } from 'constructs';
import { userLists } from '../model';
import { ValidationError } from './errors';
import { UserList as UserListResource } from './generated/sps/user-list';
import { validateAtSynth } from './model-validation';
import { keyProblems, type KeySpec } from './props';
import { type IUserList, UserListReference } from './references';

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

/** An SPS user list: a white- or blacklist of usernames used by channel policies. */
export class UserList extends Construct implements IUserList {
  /** A whitelist: only these users are permitted (at least one; see `allowNobody`). */
  static allowOnly(scope: Construct, id: string, options: UserListUsersOptions): UserList {
    checkOptions(scope, id, 'UserList.allowOnly', options, USERS_OPTIONS, 'an empty whitelist permits nobody: use UserList.allowNobody to say so');
    return new UserList(scope, id, { name: options.name, allow: 'no_user', except: options.users });
  }

  /** A blacklist: everybody except these users is permitted (at least one; see `allowEveryone`). */
  static denyOnly(scope: Construct, id: string, options: UserListUsersOptions): UserList {
    checkOptions(scope, id, 'UserList.denyOnly', options, USERS_OPTIONS, 'an empty blacklist permits everybody: use UserList.allowEveryone to say so');
    return new UserList(scope, id, { name: options.name, allow: 'all_users', except: options.users });
  }

  /** Everybody is permitted: an empty blacklist, said explicitly. */
  static allowEveryone(scope: Construct, id: string, options: { readonly name: string }): UserList {
    checkOptions(scope, id, 'UserList.allowEveryone', options, NAME_OPTIONS);
    return new UserList(scope, id, { name: options.name, allow: 'all_users', except: [] });
  }

  /** Nobody is permitted: an empty whitelist, said explicitly. */
  static allowNobody(scope: Construct, id: string, options: { readonly name: string }): UserList {
    checkOptions(scope, id, 'UserList.allowNobody', options, NAME_OPTIONS);
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

function checkOptions(scope: Construct, id: string, method: string, options: object, spec: KeySpec, whenEmpty?: string): void {
  const problems = keyProblems('the options', options, spec);
  const users = (options as { users?: unknown }).users;
  if (whenEmpty && problems.length === 0 && Array.isArray(users) && users.length === 0) problems.push(`\`users\` is empty: ${whenEmpty}`);
  if (problems.length > 0) throw new ValidationError(`invalid ${method}: ${problems.join('; ')}`, scope, id);
}
