output "domain" {
  description = "The domain's resources by role: Glue database, Athena workgroup, data prefix, KMS key, producer and consumer roles, budget."
  value = {
    glue_database     = module.domain.glue_database
    athena_workgroup  = module.domain.athena_workgroup
    data_prefix       = module.domain.data_prefix
    kms_key_arn       = module.domain.kms_key_arn
    producer_role_arn = module.domain.producer_role_arn
    consumer_role_arn = module.domain.consumer_role_arn
    budget_name       = module.domain.budget_name
  }
}

output "products" {
  description = "The products this apply was rendered for, sorted."
  value       = sort(keys(var.products))
}

output "lakeformation" {
  description = "What the grants module holds: data cells filters, permission ids and tag assignment keys."
  value = {
    data_cells_filters  = module.grants.data_cells_filter_ids
    permission_ids      = module.grants.permission_ids
    tag_assignment_keys = module.grants.tag_assignment_keys
  }
}

output "refresh_rules" {
  description = "The EventBridge rules refreshing the domain's SQL-derived products, by product: schedule and inputs rule names (empty without the platform's API destination)."
  value       = module.domain.refresh_rules
}
