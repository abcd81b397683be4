# Import an SSH connection policy by its appliance key.
terraform import sps_ssh_connection_policy.linux_servers 8348340645707e2575e3c6
