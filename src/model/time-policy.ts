import * as z from 'zod';
import { list, nameLike, string } from './fields';
import { defineKind } from './kind';
import { PATHS } from './paths';
import { name } from './validators';

/** "Time policies" in the SPS REST API Reference Guide: when users may open the channels a channel policy allows. */

const TIME = /^([01]?\d|2[0-3]):[0-5]\d$/;
const minutes = (time: string) => Number(time.split(':')[0]) * 60 + Number(time.split(':')[1]);

const time = string('A time of day, `H:MM` or `HH:MM` (0:00 to 23:59).', z.string().regex(TIME, 'must be a time of day such as 8:00 or 16:30 (H:MM, 0:00 to 23:59)'));

const interval = list(time, 'An interval: its start and its end.', { length: [2, 'must be an interval of two times, ["from", "to"]'] }).refine((value, issue) => {
  if (value.length === 2 && TIME.test(value[0]) && TIME.test(value[1]) && minutes(value[0]) >= minutes(value[1])) {
    issue(`the interval must end after it starts (${value[0]} is not before ${value[1]})`);
  }
});

const day = (apiName: string, dayName: string) =>
  list(interval, `The intervals of ${dayName} when the channels may be used, each \`["from", "to"]\` (e.g. \`["8:00", "17:00"]\`); several are allowed. Empty (the default): not at all on ${dayName}s.`)
    .default([])
    .apiName(apiName);

export const timePolicies = defineKind({
  id: 'time_policy',
  kind: 'time policy',
  plural: 'time policies',
  path: PATHS.timePolicies,
  doc:
    'A time policy (`/api/configuration/policies/time_policies`): the days and hours when users may open the channels that a channel ' +
    'policy\'s rule allows. A rule references it by key (`time_policy`); the built-in `7x24` allows every hour of every day. ' +
    'A time policy that a channel policy uses cannot be deleted.',
  managed: true,
  lookup: true,
  fields: {
    // The guide: the name "cannot contain whitespace".
    name: nameLike('The name of the time policy (no whitespace).', name.refine((value) => !/\s/.test(value), 'must not contain whitespace')),
    mon: day('Mon', 'Monday'),
    tue: day('Tue', 'Tuesday'),
    wed: day('Wed', 'Wednesday'),
    thu: day('Thu', 'Thursday'),
    fri: day('Fri', 'Friday'),
    sat: day('Sat', 'Saturday'),
    sun: day('Sun', 'Sunday'),
  },
  builtins: [
    {
      // The guide shows 7x24's body; its key is our inference from the guide's reference example ("-100").
      key: '-100',
      body: {
        name: '7x24',
        mon: [['0:00', '23:59']],
        tue: [['0:00', '23:59']],
        wed: [['0:00', '23:59']],
        thu: [['0:00', '23:59']],
        fri: [['0:00', '23:59']],
        sat: [['0:00', '23:59']],
        sun: [['0:00', '23:59']],
      },
    },
  ],
  example: {
    initial: { name: 'office_hours', mon: [['8:00', '18:00']], fri: [['8:00', '12:00'], ['13:00', '18:00']] },
    updated: { name: 'office_hours', mon: [['8:00', '18:00']], fri: [['8:00', '16:00']] },
  },
});
