import { Construct } from 'constructs';
import { userLists } from '../model';
import { DataSpsUserList } from './generated/sps/data-sps-user-list';
import { UserList as UserListResource } from './generated/sps/user-list';
import type { IApplianceObject } from './lookups';
import { validateAtSynth } from './model-validation';

export interface UserListProps {
  /** The name of the user list on the appliance. */
  readonly name: string;
  /** `all_users`: everybody except `except` (a blacklist); `no_user`: only `except` (a whitelist). */
  readonly allow: 'all_users' | 'no_user';
  /** The usernames that are the exception to `allow`. Default: none. */
  readonly except?: string[];
}

/** An SPS user list: a white- or blacklist of usernames used by channel policies. */
export class UserList extends Construct implements IApplianceObject {
  /** A whitelist: only these users are permitted. */
  static allowOnly(scope: Construct, id: string, props: { name: string; users: string[] }): UserList {
    return new UserList(scope, id, { name: props.name, allow: 'no_user', except: props.users });
  }

  /** A blacklist: everybody except these users is permitted. */
  static denyOnly(scope: Construct, id: string, props: { name: string; users: string[] }): UserList {
    return new UserList(scope, id, { name: props.name, allow: 'all_users', except: props.users });
  }

  /** An existing user list (built-ins included), by name. */
  static fromName(scope: Construct, id: string, name: string): IApplianceObject {
    return new DataSpsUserList(scope, id, { name });
  }

  /** The generated resource, for anything the props do not cover. */
  readonly resource: UserListResource;
  /** The user list's key on the appliance. */
  readonly id: string;

  constructor(scope: Construct, id: string, props: UserListProps) {
    super(scope, id);
    const config = { name: props.name, allow: props.allow, except: props.except ?? [] };
    validateAtSynth(this, userLists, config);
    this.resource = new UserListResource(this, 'Resource', config);
    this.id = this.resource.id;
  }
}
