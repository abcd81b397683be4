# Import an RDP connection policy by its appliance key.
terraform import sps_rdp_connection_policy.terminal_server 12932832285a830b4d2f5d7
