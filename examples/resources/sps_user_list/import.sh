# Import a user list by its appliance key.
terraform import sps_user_list.deployers 20088200245706af301b1ba
