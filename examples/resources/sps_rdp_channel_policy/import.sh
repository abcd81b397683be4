# Import an RDP channel policy by its appliance key.
terraform import sps_rdp_channel_policy.remote_app 7a1c93e0b5d24f6e8c0d1a2
