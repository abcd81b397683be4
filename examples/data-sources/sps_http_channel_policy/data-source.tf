# Look up the built-in HTTP channel policy to reference it from a connection policy.
data "sps_http_channel_policy" "default" {
  name = "default"
}

output "default_channel_policy_key" {
  value = data.sps_http_channel_policy.default.id
}
