# One domain, applied in the workspace named after it. The platform's Terraform provisioner
# renders every variable into tributary.auto.tfvars.json; the workspace name must be the domain.

provider "aws" {
  region              = var.region
  allowed_account_ids = [var.catalog_id]

  default_tags {
    tags = merge(var.tags, module.names.cost_allocation_tag)
  }
}

# Computes and checks every name and grant map once, before any AWS call.
module "names" {
  source = "../modules/naming"

  name_prefix               = var.platform.name_prefix
  account_id                = var.catalog_id
  region                    = var.region
  domain                    = var.domain
  data_bucket               = var.platform.data_bucket
  athena_results_bucket     = var.platform.athena_results_bucket
  catalog_id                = var.catalog_id
  lakeformation_permissions = var.lakeformation_permissions
  data_cells_filters        = var.data_cells_filters
  lf_tags                   = var.lf_tags
  lf_tag_assignments        = var.lf_tag_assignments
  derived_products          = var.derived_products
}

# A domain's state must never be written into another domain's workspace.
resource "terraform_data" "workspace_is_the_domain" {
  input = var.domain

  lifecycle {
    precondition {
      condition     = terraform.workspace == var.domain
      error_message = "The domain root is applied in the workspace named after the domain: select workspace '${var.domain}', not '${terraform.workspace}'."
    }
  }
}

module "domain" {
  source = "../modules/domain"

  name_prefix                    = var.platform.name_prefix
  account_id                     = var.catalog_id
  region                         = var.region
  domain                         = var.domain
  title                          = var.title
  description                    = var.description
  owner_groups                   = var.owner_groups
  member_groups                  = var.member_groups
  monthly_budget_usd             = var.monthly_budget_usd
  bytes_scanned_cutoff_per_query = var.bytes_scanned_cutoff_per_query
  platform                       = var.platform
  tags                           = var.tags
  derived_products               = var.derived_products
  refresh_api_destination = var.platform.refresh_api_destination_arn == "" ? null : {
    arn      = var.platform.refresh_api_destination_arn
    role_arn = var.platform.refresh_role_arn
  }

  depends_on = [terraform_data.workspace_is_the_domain]
}

# Grants name the products' tables, which the platform creates through the Glue catalog after the
# database exists; the provisioner applies them once the tables do.
module "grants" {
  source = "../modules/grants"

  catalog_id                    = module.names.catalog_id
  table_column_permissions      = module.names.table_column_permissions
  data_cells_filter_permissions = module.names.data_cells_filter_permissions
  data_cells_filters            = module.names.data_cells_filters
  table_tag_assignments         = module.names.table_tag_assignments
  column_tag_assignments        = module.names.column_tag_assignments

  depends_on = [module.domain]
}
