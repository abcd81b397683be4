# A blacklist: everybody may connect except root.
resource "sps_user_list" "no_root" {
  name   = "no_root_logins"
  allow  = "all_users"
  except = ["root"]
}

# A whitelist: only the listed service accounts may connect.
resource "sps_user_list" "deployers" {
  name   = "deployers"
  allow  = "no_user"
  except = ["deploy", "release-bot"]
}
