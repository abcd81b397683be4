terraform {
  required_providers {
    sps = {
      source  = "sps-iac/sps"
      version = "~> 0.1"
    }
  }
}

# Credentials come from the environment (SPS_URL, SPS_USERNAME, SPS_PASSWORD, SPS_CA_FILE)
# so that nothing secret is written into the repository.
provider "sps" {
  # url            = "https://sps.example.com"   # or SPS_URL
  # username       = "terraform"                 # or SPS_USERNAME
  # password       = var.sps_password            # or SPS_PASSWORD
  # ca_file        = "/etc/ssl/sps-ca.pem"       # or SPS_CA_FILE
  # commit_message = "managed by terraform"      # or SPS_COMMIT_MESSAGE, e.g. the pull request's URL in CI;
  #                                              # set here, it wins over SPS_COMMIT_MESSAGE
}
