# Look up a user list by name, for example a built-in one.
data "sps_user_list" "root_only" {
  name = "root_only"
}

output "root_only_key" {
  value = data.sps_user_list.root_only.id
}
