import { Token } from 'cdktf';
import { httpChannelPolicies, type Preset, rdpChannelPolicies, sshChannelPolicies } from '../model';
import { OptionsError } from './errors';
import { type ConstructProps, kindConstruct } from './kind-construct';
import { checkOptions } from './props';
import type { ITimePolicy } from './references';
import { UserList } from './user-list';

/**
 * A group in a rule's `allowed_for`, by name: a UserList construct (its name, so that Terraform
 * creates the list first), or the name of a user list, a local user group or an LDAP group. A
 * name that matches no user list and no local group is taken as an LDAP group.
 */
export type GroupName = string | UserList;

/** The options of `allow`: who may open the channel, and when. */
export interface AllowOptions {
  /** Users authenticated on SPS (gateway authentication) in these groups. Default: no restriction. */
  readonly gatewayGroups?: readonly GroupName[];
  /** Users of the target server in these groups. Default: no restriction. */
  readonly remoteGroups?: readonly GroupName[];
  /** The time policy during which the channel may be opened. Default: the built-in 7x24. */
  readonly during?: ITimePolicy;
}

const ALLOW_OPTIONS = { gatewayGroups: false, remoteGroups: false, during: false };

type Rule<Props extends { readonly rules: readonly unknown[] }> = Exclude<Props['rules'][number], Preset<unknown>>;

/** A rule allowing `channel` to these groups during a time policy; the rule's other fields keep their defaults. */
function allow(method: string, channel: string, options: AllowOptions) {
  checkOptions(method, options, ALLOW_OPTIONS);
  const names = (groups: readonly GroupName[] | undefined, option: string) =>
    (groups ?? []).map((group, index) => {
      if (group instanceof UserList) return group.resource.name;
      if (typeof group === 'string' && (group !== '' || Token.isUnresolved(group))) return group;
      throw new OptionsError(`${method}: \`${option}[${index}]\` must be a UserList or a group name, got ${JSON.stringify(group)}`);
    });
  return {
    channel,
    allowedFor: { gatewayGroups: names(options.gatewayGroups, 'gatewayGroups'), remoteGroups: names(options.remoteGroups, 'remoteGroups') },
    ...(options.during === undefined ? {} : { timePolicy: options.during }),
  };
}

/** The name and the rules: one per permitted HTTP channel (`http`, `websocket`), e.g. from `HttpChannelPolicy.allow`. */
export type HttpChannelPolicyProps = ConstructProps<typeof httpChannelPolicies>;
/** The name and the rules: one per permitted SSH channel, e.g. from `SshChannelPolicy.allow`. */
export type SshChannelPolicyProps = ConstructProps<typeof sshChannelPolicies>;
/** The name and the rules: one per permitted RDP channel, e.g. from `RdpChannelPolicy.allow`. */
export type RdpChannelPolicyProps = ConstructProps<typeof rdpChannelPolicies>;

export type HttpChannelRule = Rule<HttpChannelPolicyProps>;
export type SshChannelRule = Rule<SshChannelPolicyProps>;
export type RdpChannelRule = Rule<RdpChannelPolicyProps>;

/** An SPS HTTP channel policy; `HttpChannelPolicy.fromName` finds existing ones (e.g. the built-in "default"). */
export class HttpChannelPolicy extends kindConstruct(httpChannelPolicies) {
  /** A rule allowing `channel` to these groups (e.g. a UserList) during a time policy. */
  static allow<C extends HttpChannelRule['channel']>(channel: C, options: AllowOptions = {}): Extract<HttpChannelRule, { channel: C }> {
    return allow('HttpChannelPolicy.allow', channel, options) as Extract<HttpChannelRule, { channel: C }>;
  }
}

/** An SPS SSH channel policy; `SshChannelPolicy.fromName` finds existing ones (e.g. the built-in "default", session shell only). */
export class SshChannelPolicy extends kindConstruct(sshChannelPolicies) {
  /**
   * A rule allowing `channel` to these groups (e.g. a UserList) during a time policy; spread it to
   * add the channel's own lists: `{ ...SshChannelPolicy.allow('session-exec', …), execs: ['rsync'] }`.
   */
  static allow<C extends SshChannelRule['channel']>(channel: C, options: AllowOptions = {}): Extract<SshChannelRule, { channel: C }> {
    return allow('SshChannelPolicy.allow', channel, options) as Extract<SshChannelRule, { channel: C }>;
  }
}

/** An SPS RDP channel policy; `RdpChannelPolicy.fromName` finds existing ones (e.g. the built-in "default", `#drawing` only). */
export class RdpChannelPolicy extends kindConstruct(rdpChannelPolicies) {
  /** A rule allowing `channel` to these groups (e.g. a UserList) during a time policy. */
  static allow<C extends RdpChannelRule['channel']>(channel: C, options: AllowOptions = {}): Extract<RdpChannelRule, { channel: C }> {
    return allow('RdpChannelPolicy.allow', channel, options) as Extract<RdpChannelRule, { channel: C }>;
  }
}
