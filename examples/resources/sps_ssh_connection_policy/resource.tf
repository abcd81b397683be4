# Built-in policies are looked up by name instead of hard-coding their keys.
data "sps_ssh_channel_policy" "default" {
  name = "default"
}

data "sps_ssh_settings_policy" "default" {
  name = "default"
}

data "sps_ssh_authentication_policy" "default" {
  name = "default"
}

data "sps_audit_policy" "default" {
  name = "default"
}

# The Linux servers: administrators' workstations connect through SPS to the server they asked for;
# the security officers audit the sessions.
resource "sps_ssh_connection_policy" "linux_servers" {
  name = "linux_servers"

  network = {
    clients = ["10.20.0.0/16"]
    targets = ["10.40.0.0/16"]
    ports   = [22]
  }

  server_address = { selection = "original" }

  access_control = [
    {
      authorizer                 = "security-officers"
      permission                 = "audit"
      require_different_ip       = false
      require_different_username = true
      subject                    = { selection = "everybody" }
    },
  ]

  rate_limit = { enabled = true, value = 60 }

  policies = {
    channel_policy        = data.sps_ssh_channel_policy.default.id
    settings              = data.sps_ssh_settings_policy.default.id
    audit_policy          = data.sps_audit_policy.default.id
    authentication_policy = data.sps_ssh_authentication_policy.default.id
  }
}

# A jump host: users name their target in the username (inband destination selection), limited to
# the database network.
resource "sps_ssh_connection_policy" "jump_host" {
  name = "jump_host"

  network = {
    clients = ["0.0.0.0/0"]
    targets = ["10.60.0.1"]
    ports   = [22]
  }

  server_address = {
    selection = "inband"
    domains = [
      { domain = { selection = "address", value = "10.70.0.0/16" }, port = 22 },
    ]
    dns_suffixes = ["db.example.com"]
  }

  policies = {
    channel_policy        = data.sps_ssh_channel_policy.default.id
    settings              = data.sps_ssh_settings_policy.default.id
    audit_policy          = data.sps_audit_policy.default.id
    authentication_policy = data.sps_ssh_authentication_policy.default.id
  }
}
