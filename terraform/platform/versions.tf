terraform {
  required_version = ">= 1.6"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.90"
    }
  }

  # Partial configuration: bucket, key, region and locking come from -backend-config at init.
  backend "s3" {}
}
