# HTTP from the internal network only; WebSocket for the members of the "web-admins" group.
resource "sps_http_channel_policy" "intranet" {
  name = "intranet_web"
  rules = [
    { channel = "http", from = [{ value = "10.0.0.0/8" }] },
    { channel = "websocket", allowed_for = { remote_groups = ["web-admins"] } },
  ]
}
