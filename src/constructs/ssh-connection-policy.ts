import { sshConnectionPolicies } from '../model';
import { connectionSugar } from './connection-policy';
import { type ConstructProps, kindConstruct } from './kind-construct';

const SUGAR = connectionSugar(sshConnectionPolicies);

/** As `HttpConnectionPolicyProps` (`serverAddress: ServerAddress.fixed(…)`, `rateLimit: 30`, …), with the SSH policies, e.g. `policies.authenticationPolicy: SshAuthenticationPolicy.fromName(…)`. */
export type SshConnectionPolicyProps = ConstructProps<typeof sshConnectionPolicies, typeof SUGAR>;

/** An SPS SSH connection policy; `SshConnectionPolicy.fromName` finds existing ones. */
export class SshConnectionPolicy extends kindConstruct(sshConnectionPolicies, { sugar: SUGAR }) {}
