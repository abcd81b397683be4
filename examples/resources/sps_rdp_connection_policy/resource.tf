# Built-in policies are looked up by name instead of hard-coding their keys.
data "sps_rdp_channel_policy" "default" {
  name = "default"
}

data "sps_rdp_settings_policy" "default" {
  name = "default"
}

data "sps_audit_policy" "default" {
  name = "default"
}

# The terminal server: every client reaches one fixed server through SPS, which connects from the
# client's own address; connection metadata is kept for 180 days.
resource "sps_rdp_connection_policy" "terminal_server" {
  name = "terminal_server"

  network = {
    clients = ["10.20.0.0/16"]
    targets = ["10.50.0.10"]
    ports   = [3389]
  }

  server_address = {
    selection = "fix"
    address   = "rds.example.com"
    port      = 3389
  }

  source_address           = { selection = "original" }
  channel_database_cleanup = { enabled = true, days = 180 }

  policies = {
    channel_policy = data.sps_rdp_channel_policy.default.id
    settings       = data.sps_rdp_settings_policy.default.id
    audit_policy   = data.sps_audit_policy.default.id
  }
}
