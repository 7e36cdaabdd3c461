terraform {
  required_version = ">= 1.6"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.90"
    }
  }

  # Partial configuration, given at init: bucket, key, region, workspace_key_prefix = "domains"
  # and use_lockfile = true (Terraform 1.10+) or dynamodb_table. Each workspace, named after its
  # domain, keeps its state at domains/<domain>/<key>.
  backend "s3" {}
}
