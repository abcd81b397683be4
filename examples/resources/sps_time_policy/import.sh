# Import a time policy by its appliance key.
terraform import sps_time_policy.office_hours 2010831315f3e0e1a8d0cd2
