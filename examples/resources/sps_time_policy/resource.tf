# Office hours: weekdays 8:00 to 18:00, with a maintenance window on Saturday morning.
resource "sps_time_policy" "office_hours" {
  name = "office_hours"
  mon  = [["8:00", "18:00"]]
  tue  = [["8:00", "18:00"]]
  wed  = [["8:00", "18:00"]]
  thu  = [["8:00", "18:00"]]
  fri  = [["8:00", "12:00"], ["13:00", "18:00"]]
  sat  = [["6:00", "9:00"]]
  # sun is left out: no access on Sundays.
}
