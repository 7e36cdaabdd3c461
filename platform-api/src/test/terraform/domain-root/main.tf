# A provider-free stand-in for terraform/domain: the same variables (variables.tf is copied from
# terraform/domain at test time, so it cannot drift), and only the builtin terraform_data resource,
# so the platform's Terraform provisioner is tested with the real terraform binary and no provider
# download.

terraform {
  required_version = ">= 1.5"

  backend "local" {}
}

locals {
  name = "${var.platform.name_prefix}-${var.domain}"
}

resource "terraform_data" "domain" {
  input = {
    name                           = local.name
    region                         = var.region
    title                          = var.title
    description                    = var.description
    owner_groups                   = var.owner_groups
    member_groups                  = var.member_groups
    monthly_budget_usd             = var.monthly_budget_usd
    bytes_scanned_cutoff_per_query = var.bytes_scanned_cutoff_per_query
    data_bucket                    = var.platform.data_bucket
    catalog_id                     = var.catalog_id
    tags                           = var.tags
  }

  lifecycle {
    # A real declaration can provoke a failing plan through this: no domain budgets a million.
    precondition {
      condition     = var.monthly_budget_usd <= 1000000
      error_message = "The monthly budget of domain ${var.domain} is over 1,000,000 USD; nobody means that."
    }
  }
}

resource "terraform_data" "product" {
  for_each = var.products

  input = {
    table      = "${var.domain}.${each.key}"
    zone       = each.value.zone
    visibility = each.value.visibility
    version    = each.value.version
    tags       = each.value.tags
  }
}

resource "terraform_data" "lakeformation_permission" {
  for_each = var.lakeformation_permissions

  input = each.value
}

resource "terraform_data" "data_cells_filter" {
  for_each = var.data_cells_filters

  input = each.value
}

resource "terraform_data" "lf_tag" {
  for_each = var.lf_tags

  input = each.value
}

resource "terraform_data" "lf_tag_assignment" {
  for_each = var.lf_tag_assignments

  input = each.value
}

resource "terraform_data" "derived_product" {
  for_each = var.derived_products

  input = {
    product             = "${var.domain}.${each.key}"
    schedule_expression = each.value.schedule_expression
    inputs              = each.value.inputs
    api_destination     = var.platform.refresh_api_destination_arn
  }
}
