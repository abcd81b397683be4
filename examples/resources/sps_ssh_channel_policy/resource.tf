# Operators may open a terminal session during office hours; members of the LDAP group "deployers"
# may run rsync at any time, and SFTP is allowed from the internal network.
resource "sps_user_list" "ssh_operators" {
  name   = "ssh_operators"
  allow  = "no_user"
  except = ["alice", "bob"]
}

resource "sps_time_policy" "ssh_office_hours" {
  name = "ssh_office_hours"
  mon  = [["8:00", "18:00"]]
  tue  = [["8:00", "18:00"]]
  wed  = [["8:00", "18:00"]]
  thu  = [["8:00", "18:00"]]
  fri  = [["8:00", "18:00"]]
}

resource "sps_ssh_channel_policy" "operators" {
  name = "operators_shell"
  rules = [
    {
      channel = "session-shell"
      # A user list by its name: Terraform creates the list first.
      allowed_for = { remote_groups = [sps_user_list.ssh_operators.name] }
      time_policy = sps_time_policy.ssh_office_hours.id
    },
    {
      channel = "session-exec"
      # A name that matches no user list and no local group is taken as an LDAP group.
      allowed_for = { gateway_groups = ["deployers"] }
      execs       = ["rsync --server .*"]
    },
    {
      channel    = "session-subsystem"
      subsystems = ["sftp"]
      from       = [{ value = "10.0.0.0/8" }]
    },
  ]
}
