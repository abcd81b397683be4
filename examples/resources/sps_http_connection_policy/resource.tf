# Built-in policies are looked up by name instead of hard-coding their keys.
data "sps_http_channel_policy" "default" {
  name = "default"
}

data "sps_http_settings_policy" "default" {
  name = "default"
}

data "sps_http_authentication_policy" "default" {
  name = "default"
}

data "sps_audit_policy" "default" {
  name = "default"
}

data "sps_indexing_policy" "default" {
  name = "default"
}

# The web proxy of the REST API Reference Guide's sample: clients use SPS as an HTTP proxy on port 3128 and name
# their target in-band.
resource "sps_http_connection_policy" "proxy" {
  name   = "http_proxy"
  active = true

  network = {
    clients = ["0.0.0.0/0"]
    targets = ["0.0.0.0/0"]
    ports   = [3128]
  }

  server_address = {
    selection = "inband"
    domains = [
      { domain = { selection = "domain", value = "*" }, port = 80 },
    ]
  }

  source_address = { selection = "box_address" }

  web_proxy = {
    enabled            = true
    transport_security = { selection = "disabled" }
  }

  transport_security = { selection = "disabled" }

  indexing = {
    enabled  = true
    policy   = data.sps_indexing_policy.default.id
    priority = 3
  }

  log_audit_trail_downloads = true

  policies = {
    channel_policy        = data.sps_http_channel_policy.default.id
    settings              = data.sps_http_settings_policy.default.id
    audit_policy          = data.sps_audit_policy.default.id
    authentication_policy = data.sps_http_authentication_policy.default.id
  }
}

# A fixed intranet application behind SPS, with four-eyes authorization.
resource "sps_http_connection_policy" "intranet" {
  name = "intranet_portal"

  network = {
    clients = ["10.20.0.0/16"]
    targets = ["10.30.1.10"]
    ports   = [443]
  }

  server_address = {
    selection = "fix"
    address   = "intranet.example.com"
    port      = 8443
  }

  access_control = [
    {
      authorizer                 = "security-officers"
      permission                 = "audit_and_authorize"
      require_different_ip       = true
      require_different_username = true
      subject                    = { selection = "everybody" }
    },
  ]

  rate_limit               = { enabled = true, value = 120 }
  channel_database_cleanup = { enabled = true, days = 90 }

  policies = {
    channel_policy        = data.sps_http_channel_policy.default.id
    settings              = data.sps_http_settings_policy.default.id
    audit_policy          = data.sps_audit_policy.default.id
    authentication_policy = data.sps_http_authentication_policy.default.id
  }
}
