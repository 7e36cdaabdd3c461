# No provider: everything here is computed from the inputs, so `terraform test` runs it offline.
terraform {
  required_version = ">= 1.6"
}
