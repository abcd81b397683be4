import { TimePolicy } from 'sps-iac';

// Inside a TerraformStack:
const weekdays = [['8:00', '18:00']];
new TimePolicy(this, 'office-hours', {
  name: 'office_hours',
  mon: weekdays,
  tue: weekdays,
  wed: weekdays,
  thu: weekdays,
  fri: [['8:00', '12:00'], ['13:00', '18:00']],
  sat: [['6:00', '9:00']],
});
