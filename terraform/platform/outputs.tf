output "platform" {
  description = "What every domain root builds on: pass it as the domain root's platform variable (the attributes match it exactly)."
  value = {
    name_prefix           = module.foundation.platform.name_prefix
    data_bucket           = module.foundation.platform.data_bucket
    data_kms_key_arn      = module.foundation.platform.data_kms_key_arn
    athena_results_bucket = module.foundation.platform.athena_results_bucket
    oidc_provider_arn     = module.foundation.platform.oidc_provider_arn
    oidc_audience         = module.foundation.platform.oidc_audience
    platform_role_arn     = module.foundation.platform.platform_role_arn
    # The domains' refresh rules target these; empty when refresh_token_endpoint is.
    refresh_api_destination_arn = module.foundation.platform.refresh_api_destination_arn
    refresh_role_arn            = module.foundation.platform.refresh_role_arn
  }
}

output "api_endpoint" {
  description = "The platform API's URL (endpoints under /api/v1)."
  value       = module.foundation.api_endpoint
}

output "dynamodb_table_name" {
  description = "The platform's DynamoDB table."
  value       = module.foundation.dynamodb_table_name
}

output "lambda_environment" {
  description = "The environment the platform Lambda runs with."
  value       = module.foundation.lambda_environment
}

output "principal_role_arns" {
  description = "The principal roles, keyed group:NAME / user:NAME."
  value       = module.foundation.principal_role_arns
}

output "lf_tag_keys" {
  description = "The account-wide LF-Tag keys this root created."
  value       = sort(keys(aws_lakeformation_lf_tag.shared))
}

output "refresh_trigger_client" {
  description = "The token subject the API lets trigger refreshes (tributary.pipelines.trigger-clients); empty without refresh_token_endpoint."
  value       = module.foundation.refresh_trigger_client
}
