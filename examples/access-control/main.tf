# One access chain per protocol: who (a user list), when (a time policy), which channels (a channel
# policy rule that references both), and where (a connection policy that uses the channel policy).
# A change to who may connect is then a one-line change in a reviewed pull request.

resource "sps_user_list" "operators" {
  name   = "operators"
  allow  = "no_user" # a whitelist: only the users below
  except = ["alice", "bob", "carol"]
}

resource "sps_time_policy" "weekdays" {
  name = "weekdays"
  mon  = [["7:00", "19:00"]]
  tue  = [["7:00", "19:00"]]
  wed  = [["7:00", "19:00"]]
  thu  = [["7:00", "19:00"]]
  fri  = [["7:00", "19:00"]]
}

# Built-in policies, looked up by name.
data "sps_audit_policy" "default" {
  name = "default"
}
data "sps_ssh_settings_policy" "default" {
  name = "default"
}
data "sps_ssh_authentication_policy" "default" {
  name = "default"
}
data "sps_http_settings_policy" "default" {
  name = "default"
}
data "sps_http_authentication_policy" "default" {
  name = "default"
}
data "sps_rdp_settings_policy" "default" {
  name = "default"
}

# SSH: the operators may open a shell on weekdays. The list is referenced by its name
# (remote_groups holds names), which also tells Terraform to create the list first.
resource "sps_ssh_channel_policy" "operators_shell" {
  name = "operators_shell"
  rules = [
    {
      channel     = "session-shell"
      allowed_for = { remote_groups = [sps_user_list.operators.name] }
      time_policy = sps_time_policy.weekdays.id
    },
  ]
}

resource "sps_ssh_connection_policy" "linux" {
  name           = "linux_servers"
  network        = { clients = ["10.20.0.0/16"], targets = ["10.40.0.0/16"], ports = [22] }
  server_address = { selection = "original" }
  policies = {
    channel_policy        = sps_ssh_channel_policy.operators_shell.id
    settings              = data.sps_ssh_settings_policy.default.id
    audit_policy          = data.sps_audit_policy.default.id
    authentication_policy = data.sps_ssh_authentication_policy.default.id
  }
}

# HTTP: the same operators may use the web consoles on weekdays.
resource "sps_http_channel_policy" "operators_web" {
  name = "operators_web"
  rules = [
    {
      channel     = "http"
      allowed_for = { remote_groups = [sps_user_list.operators.name] }
      time_policy = sps_time_policy.weekdays.id
    },
  ]
}

resource "sps_http_connection_policy" "consoles" {
  name           = "web_consoles"
  network        = { clients = ["10.20.0.0/16"], targets = ["10.41.0.10"], ports = [443] }
  server_address = { selection = "fix", address = "console.example.com", port = 443 }
  policies = {
    channel_policy        = sps_http_channel_policy.operators_web.id
    settings              = data.sps_http_settings_policy.default.id
    audit_policy          = data.sps_audit_policy.default.id
    authentication_policy = data.sps_http_authentication_policy.default.id
  }
}

# RDP: the operators' desktop sessions on weekdays.
resource "sps_rdp_channel_policy" "operators_desktop" {
  name = "operators_desktop"
  rules = [
    {
      channel     = "#drawing"
      allowed_for = { remote_groups = [sps_user_list.operators.name] }
      time_policy = sps_time_policy.weekdays.id
    },
  ]
}

resource "sps_rdp_connection_policy" "windows" {
  name           = "windows_servers"
  network        = { clients = ["10.20.0.0/16"], targets = ["10.50.0.0/16"], ports = [3389] }
  server_address = { selection = "original" }
  policies = {
    channel_policy = sps_rdp_channel_policy.operators_desktop.id
    settings       = data.sps_rdp_settings_policy.default.id
    audit_policy   = data.sps_audit_policy.default.id
  }
}
