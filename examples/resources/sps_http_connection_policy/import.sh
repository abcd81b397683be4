# Import an HTTP connection policy by its appliance key.
terraform import sps_http_connection_policy.proxy 5c3f8d9a0b1e2f3a4b5c6d
