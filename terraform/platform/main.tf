# The shared foundation, applied once per account and region before any domain.

provider "aws" {
  region              = var.region
  allowed_account_ids = [var.account_id]

  default_tags {
    tags = var.tags
  }
}

module "names" {
  source = "../modules/naming"

  name_prefix = var.name_prefix
  account_id  = var.account_id
  region      = var.region
}

module "foundation" {
  source = "../modules/foundation"

  name_prefix                = var.name_prefix
  account_id                 = var.account_id
  region                     = var.region
  oidc_issuer_url            = var.oidc_issuer_url
  oidc_audience              = var.oidc_audience
  create_oidc_provider       = var.create_oidc_provider
  existing_oidc_provider_arn = var.existing_oidc_provider_arn
  admin_group                = var.admin_group
  principal_groups           = var.principal_groups
  principal_users            = var.principal_users
  lake_formation_admins      = var.lake_formation_admins
  lambda_artifact            = startswith(var.lambda_artifact, "/") ? var.lambda_artifact : "${path.root}/../../${var.lambda_artifact}"
  lambda_memory_mb           = var.lambda_memory_mb
  lambda_timeout_seconds     = var.lambda_timeout_seconds
  lambda_environment         = var.lambda_environment
  terraform_state_bucket     = var.terraform_state_bucket
  terraform_layer_arn        = var.terraform_layer_arn
  refresh_token_endpoint     = var.refresh_token_endpoint
  refresh_client_id          = var.refresh_client_id
  refresh_client_secret      = var.refresh_client_secret
  refresh_client_scope       = var.refresh_client_scope
  refresh_client_subject     = var.refresh_client_subject
  tags                       = var.tags
}

# LF-Tag keys are account-wide, so they live here and not in any domain's workspace.
resource "aws_lakeformation_lf_tag" "shared" {
  for_each = merge(var.lf_tags, length(var.domains) == 0 ? {} : { domain = var.domains })

  catalog_id = var.account_id
  key        = each.key
  values     = each.value

  lifecycle {
    ignore_changes = [values]
  }

  depends_on = [module.foundation]
}

resource "aws_ce_cost_allocation_tag" "domain" {
  count = var.activate_cost_allocation_tag ? 1 : 0

  tag_key = module.names.cost_allocation_tag_key
  status  = "Active"
}
