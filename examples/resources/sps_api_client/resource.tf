# An API client for the SIEM, allowed to read logs only.
resource "sps_api_client" "siem" {
  name   = "siem-log-export"
  scopes = ["logs"]

  applies_to = {
    selection = "all"
  }

  # Change a value here to rotate the client secret: the client is replaced.
  keepers = {
    rotation = "2026-q4"
  }
}

output "siem_client_id" {
  value = sps_api_client.siem.client_id
}

output "siem_client_secret" {
  value     = sps_api_client.siem.client_secret
  sensitive = true
}
