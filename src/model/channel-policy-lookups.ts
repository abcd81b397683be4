import { PATHS } from './paths';
import { referencedKind } from './referenced-objects';

/**
 * SSH and RDP channel policies as the connection policies reference them: looked up by name only.
 * Stand-ins until the channel policies are managed kinds of their own (same ids and paths).
 */

// The guide shows no key for the default SSH channel policy ("allows session shell access only"): -10100 is our choice, after RDP's -20100.
export const sshChannelPolicies = referencedKind('ssh_channel_policy', 'SSH channel policy', 'SSH channel policies', PATHS.sshChannelPolicies, 'SSH channel policies decide which SSH channels are allowed, for whom and when; built-in defaults included.', [['-10100', 'default']]);
// -20100 is the first item of the guide's RDP channel policy list.
export const rdpChannelPolicies = referencedKind('rdp_channel_policy', 'RDP channel policy', 'RDP channel policies', PATHS.rdpChannelPolicies, 'RDP channel policies decide which RDP channels are allowed, for whom and when; built-in defaults included.', [['-20100', 'default']]);
