/**
 * References to SSH and RDP channel policies (`SshChannelPolicy.fromName`, `fromKey`, `keyOf`) for
 * the connection policies, until the channel policies have constructs of their own.
 */
import * as model from '../model';
import { referenceKind, type ReferenceOf } from './reference-kind';

export type ISshChannelPolicy = ReferenceOf<typeof model.sshChannelPolicies>;
export type IRdpChannelPolicy = ReferenceOf<typeof model.rdpChannelPolicies>;

export const SshChannelPolicy = referenceKind(model.sshChannelPolicies);
export const RdpChannelPolicy = referenceKind(model.rdpChannelPolicies);
