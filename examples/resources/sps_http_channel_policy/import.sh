# Import an HTTP channel policy by its appliance key.
terraform import sps_http_channel_policy.intranet 5d0e8b1f2c3a4e5f6a7b8c9
