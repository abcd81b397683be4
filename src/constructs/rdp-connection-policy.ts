import { rdpConnectionPolicies } from '../model';
import { connectionSugar } from './connection-policy';
import { type ConstructProps, kindConstruct } from './kind-construct';

const SUGAR = connectionSugar(rdpConnectionPolicies);

/** As `HttpConnectionPolicyProps` (`serverAddress: ServerAddress.fixed(…)`, `rateLimit: 30`, …), with the RDP policies (RDP has no authentication policy). */
export type RdpConnectionPolicyProps = ConstructProps<typeof rdpConnectionPolicies, typeof SUGAR>;

/** An SPS RDP connection policy; `RdpConnectionPolicy.fromName` finds existing ones. */
export class RdpConnectionPolicy extends kindConstruct(rdpConnectionPolicies, { sugar: SUGAR }) {}
