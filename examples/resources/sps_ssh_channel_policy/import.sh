# Import an SSH channel policy by its appliance key.
terraform import sps_ssh_channel_policy.operators 2140f1de3a8e63c2d1a04b7
