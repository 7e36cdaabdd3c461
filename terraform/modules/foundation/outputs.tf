output "platform" {
  description = "What every domain root builds on; equal, attribute for attribute, to the domain root's platform variable."
  value = {
    name_prefix           = var.name_prefix
    data_bucket           = aws_s3_bucket.data.id
    data_kms_key_arn      = aws_kms_key.data.arn
    athena_results_bucket = aws_s3_bucket.athena_results.id
    oidc_provider_arn     = local.oidc_provider_arn
    oidc_audience         = var.oidc_audience
    platform_role_arn     = aws_iam_role.platform.arn
    # Empty without refresh_token_endpoint: the domains then create no refresh rules.
    refresh_api_destination_arn = local.refresh_api_destination_arn
    refresh_role_arn            = local.refresh_role_arn
  }
}

output "api_endpoint" {
  description = "The HTTP API's URL; the platform's endpoints are under /api/v1."
  value       = aws_apigatewayv2_api.http.api_endpoint
}

output "lambda_function_name" {
  description = "The platform Lambda function's name."
  value       = aws_lambda_function.api.function_name
}

output "lambda_alias_arn" {
  description = "The ARN of the alias the HTTP API invokes."
  value       = aws_lambda_alias.live.arn
}

output "dynamodb_table_name" {
  description = "The platform's DynamoDB table (TRIBUTARY_STORE_TABLE)."
  value       = aws_dynamodb_table.platform.name
}

output "principal_role_arns" {
  description = "The principal roles, keyed group:NAME / user:NAME."
  value       = { for principal, role in aws_iam_role.principal : principal => role.arn }
}

output "lambda_environment" {
  description = "The environment the platform Lambda runs with."
  value       = local.lambda_environment
}

output "refresh_api_destination_arn" {
  description = "The EventBridge API destination of POST /api/v1/domains/*/products/*/refresh (empty without refresh_token_endpoint)."
  value       = local.refresh_api_destination_arn
}

output "refresh_trigger_client" {
  description = "The token subject the API lets trigger refreshes (TRIBUTARY_PIPELINES_TRIGGER_CLIENTS); empty without refresh_token_endpoint."
  value       = local.refresh_enabled ? local.refresh_client_subject : ""
}
