output "glue_database" {
  description = "The domain's Glue database (its Iceberg namespace)."
  value       = aws_glue_catalog_database.domain.name
}

output "athena_workgroup" {
  description = "The domain's Athena workgroup."
  value       = aws_athena_workgroup.domain.name
}

output "data_prefix" {
  description = "The domain's data prefix, s3://<data_bucket>/<domain>/."
  value       = local.names.data_prefix
}

output "kms_key_arn" {
  description = "The domain's KMS key."
  value       = aws_kms_key.domain.arn
}

output "producer_role_arn" {
  description = "The role the owner groups act through."
  value       = aws_iam_role.domain["producer"].arn
}

output "consumer_role_arn" {
  description = "The role the member groups read through."
  value       = aws_iam_role.domain["consumer"].arn
}

output "budget_name" {
  description = "The domain's AWS Budget."
  value       = aws_budgets_budget.domain.name
}

output "cost_allocation_tag" {
  description = "The tag every resource of the domain carries."
  value       = module.names.cost_allocation_tag
}

output "lf_tag_keys" {
  description = "The LF-Tag keys this module created (none unless manage_lf_tags)."
  value       = sort(keys(aws_lakeformation_lf_tag.managed))
}

output "refresh_rules" {
  description = "The EventBridge rules that refresh the domain's SQL-derived products, by product: schedule and inputs rule names (empty without the platform's API destination)."
  value = {
    for product, rules in local.refresh_rules : product => {
      schedule = aws_cloudwatch_event_rule.refresh_schedule[product].name
      inputs   = aws_cloudwatch_event_rule.refresh_inputs[product].name
    }
  }
}
