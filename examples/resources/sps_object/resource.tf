# An LDAP server: a kind without a typed resource. Only the keys in body are managed: fields set
# in the web UI, and those the appliance fills in, are kept. The field names are the REST body's;
# to see them on your firmware, import an existing object with -generate-config-out.
resource "sps_object" "branch_ldap" {
  path = "/api/configuration/policies/ldap_servers"
  body = jsonencode({
    name         = "branch-ldap"
    description  = "The branch office directory"
    user_base_dn = "ou=people,dc=branch,dc=example,dc=com"
    bind_dn      = "cn=sps,ou=service,dc=branch,dc=example,dc=com"
  })
  # Secrets: merged over body when the object is written, hidden in plan output, never compared
  # for drift (the appliance may not return them).
  sensitive_body = jsonencode({ bind_password = var.ldap_bind_password })
}

variable "ldap_bind_password" {
  type      = string
  sensitive = true
  # Set it with TF_VAR_ldap_bind_password; the default only keeps this example runnable as pasted.
  default = "change-me"
}

# The global SSH options: one object, only read and replaced. Only service.log_level is managed,
# every other option keeps its value. Destroying this resource only removes it from the state.
resource "sps_object" "ssh_options" {
  path      = "/api/configuration/ssh/options"
  singleton = true
  body      = jsonencode({ service = { log_level = 6 } })
}
