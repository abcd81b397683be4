import type { Construct } from 'constructs';
import { timePolicies } from '../model';
import { type ConstructProps, kindConstruct } from './kind-construct';
import { checkOptions, type KeySpec } from './props';

/** The name and, per weekday (`mon` … `sun`), the `[from, to]` intervals when channels may be used, e.g. `mon: [['8:00', '17:00']]`. */
export type TimePolicyProps = ConstructProps<typeof timePolicies>;

/** The options of `TimePolicy.weekdays`. */
export interface WeekdaysOptions {
  /** The name of the time policy. */
  readonly name: string;
  /** Start of the day's interval, `H:MM` (e.g. `'8:00'`). */
  readonly from: string;
  /** End of the day's interval, `H:MM` (e.g. `'18:00'`), after `from`. */
  readonly to: string;
}

const WEEKDAYS_OPTIONS: KeySpec = { name: true, from: true, to: true };

/** An SPS time policy: when users may open the channels a channel policy allows; `TimePolicy.fromName` finds existing ones (e.g. the built-in "7x24"). */
export class TimePolicy extends kindConstruct(timePolicies) {
  /** Office hours: Monday to Friday from `from` to `to`, never at the weekend. */
  static weekdays(scope: Construct, id: string, options: WeekdaysOptions): TimePolicy {
    checkOptions('TimePolicy.weekdays', options, WEEKDAYS_OPTIONS, { scope, id });
    const day = [[options.from, options.to]];
    return new TimePolicy(scope, id, { name: options.name, mon: day, tue: day, wed: day, thu: day, fri: day });
  }
}
