# Import an object of a collection by <path>/<key>.
terraform import sps_object.branch_ldap /api/configuration/policies/ldap_servers/20088200245706af301b1ba

# Import a singleton by its path.
terraform import sps_object.ssh_options /api/configuration/ssh/options
