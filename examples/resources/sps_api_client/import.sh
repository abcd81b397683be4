# Import an API client by its appliance key. The client secret cannot be imported: the
# appliance shows it only once, at creation.
terraform import sps_api_client.siem 7a1b2c3d4e5f60718293a4
