import { timePolicies } from '../model';
import { type ConstructProps, kindConstruct } from './kind-construct';

/** The name and, per weekday (`mon` … `sun`), the `[from, to]` intervals when channels may be used, e.g. `mon: [['8:00', '17:00']]`. */
export type TimePolicyProps = ConstructProps<typeof timePolicies>;

/** An SPS time policy: when users may open the channels a channel policy allows; `TimePolicy.fromName` finds existing ones (e.g. the built-in "7x24"). */
export class TimePolicy extends kindConstruct(timePolicies) {}
