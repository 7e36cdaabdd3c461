# The platform API: a SnapStart Lambda (Quarkus) published as versions, an alias that always
# points at the latest, and an HTTP API with a JWT authorizer for the configured issuer in front.

locals {
  lambda_environment = merge(
    {
      TRIBUTARY_STORE_TABLE                 = aws_dynamodb_table.platform.name
      TRIBUTARY_STORE_REGION                = var.region
      TRIBUTARY_AWS_ACCOUNT_ID              = var.account_id
      TRIBUTARY_AWS_REGION                  = var.region
      TRIBUTARY_AWS_PRINCIPAL_ROLE_TEMPLATE = "arn:${var.partition}:iam::{account}:role/${var.name_prefix}-{kind}-{name}"
      TRIBUTARY_ADMIN_GROUP                 = var.admin_group
      TRIBUTARY_CATALOG_TYPE                = "glue"
      TRIBUTARY_CATALOG_WAREHOUSE           = "s3://${aws_s3_bucket.data.id}/"
      TRIBUTARY_ENGINE_TYPE                 = "athena"
      TRIBUTARY_PROVISIONER_TYPE            = "terraform"
      TRIBUTARY_GRANTS_ENFORCERS            = "lakeformation"
      # The Terraform provisioner: terraform and the domain root come from the layer, each
      # domain's state from the state bucket, one workspace per domain.
      TRIBUTARY_PROVISIONER_TERRAFORM_BINARY                         = "/opt/bin/terraform"
      TRIBUTARY_PROVISIONER_TERRAFORM_ROOT                           = "/opt/terraform/domain"
      TRIBUTARY_PROVISIONER_TERRAFORM_WORK_DIR                       = "/tmp/tributary-terraform"
      TRIBUTARY_PROVISIONER_TERRAFORM_NAME_PREFIX                    = var.name_prefix
      TRIBUTARY_PROVISIONER_TERRAFORM_PLATFORM_DATA_BUCKET           = aws_s3_bucket.data.id
      TRIBUTARY_PROVISIONER_TERRAFORM_PLATFORM_DATA_KMS_KEY_ARN      = aws_kms_key.data.arn
      TRIBUTARY_PROVISIONER_TERRAFORM_PLATFORM_ATHENA_RESULTS_BUCKET = aws_s3_bucket.athena_results.id
      TRIBUTARY_PROVISIONER_TERRAFORM_PLATFORM_OIDC_PROVIDER_ARN     = local.oidc_provider_arn
      TRIBUTARY_PROVISIONER_TERRAFORM_PLATFORM_OIDC_AUDIENCE         = var.oidc_audience
      TRIBUTARY_PROVISIONER_TERRAFORM_PLATFORM_PLATFORM_ROLE_ARN     = aws_iam_role.platform.arn
      # terraform reads these itself: the S3 backend of every domain workspace.
      TF_IN_AUTOMATION    = "1"
      TF_PLUGIN_CACHE_DIR = "/tmp/terraform-plugins"
      TF_CLI_ARGS_init = join(" ", [for key, value in {
        bucket               = var.terraform_state_bucket
        key                  = "domain.tfstate"
        region               = var.region
        workspace_key_prefix = "domains"
        use_lockfile         = "true"
      } : "-backend-config=${key}=${value}"])
      QUARKUS_OIDC_AUTH_SERVER_URL = var.oidc_issuer_url
      QUARKUS_OIDC_TOKEN_ISSUER    = var.oidc_issuer_url
      QUARKUS_OIDC_TOKEN_AUDIENCE  = var.oidc_audience
    },
    # The domains' refresh rules: the provisioner passes the API destination on to each domain
    # workspace, and the API lets the client EventBridge authenticates as trigger refreshes.
    local.refresh_enabled ? {
      TRIBUTARY_PROVISIONER_TERRAFORM_PLATFORM_REFRESH_API_DESTINATION_ARN = local.refresh_api_destination_arn
      TRIBUTARY_PROVISIONER_TERRAFORM_PLATFORM_REFRESH_ROLE_ARN            = local.refresh_role_arn
      TRIBUTARY_PIPELINES_TRIGGER_CLIENTS                                  = local.refresh_client_subject
    } : {},
    var.lambda_environment,
  )

  # Health and the OpenAPI document answer without a token, as the API itself does.
  public_routes = ["GET /q/health", "GET /q/health/{proxy+}", "GET /q/openapi"]
}

resource "aws_cloudwatch_log_group" "lambda" {
  name              = "/aws/lambda/${local.names.lambda_function}"
  retention_in_days = var.log_retention_days
  tags              = local.tags
}

# The package is about 60 MB, over Lambda's 50 MB limit for direct uploads: it goes through S3,
# under a prefix no domain can have (domain names start with a letter).
resource "aws_s3_object" "lambda_artifact" {
  bucket      = aws_s3_bucket.data.id
  key         = "_platform/lambda/function.zip"
  source      = var.lambda_artifact
  source_hash = filebase64sha256(var.lambda_artifact)
  tags        = local.tags
}

resource "aws_lambda_function" "api" {
  function_name    = local.names.lambda_function
  description      = "Tributary platform API"
  role             = aws_iam_role.platform.arn
  runtime          = "java21"
  handler          = "io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler::handleRequest"
  s3_bucket        = aws_s3_object.lambda_artifact.bucket
  s3_key           = aws_s3_object.lambda_artifact.key
  source_code_hash = filebase64sha256(var.lambda_artifact)
  memory_size      = var.lambda_memory_mb
  timeout          = var.lambda_timeout_seconds
  architectures    = ["x86_64"]
  publish          = true
  layers           = var.terraform_layer_arn == "" ? [] : [var.terraform_layer_arn]

  snap_start {
    apply_on = "PublishedVersions"
  }

  # The aws provider (several hundred MB) cannot ship in a layer beside the package (250 MB in
  # all): terraform downloads it into /tmp on a cold start's first provisioning run.
  ephemeral_storage {
    size = var.lambda_ephemeral_storage_mb
  }

  environment {
    variables = local.lambda_environment
  }

  tags = local.tags

  depends_on = [aws_cloudwatch_log_group.lambda, aws_iam_role_policy_attachment.platform_logs]
}

resource "aws_lambda_alias" "live" {
  name             = local.names.lambda_alias
  description      = "The version the HTTP API serves (SnapStart applies to published versions only)."
  function_name    = aws_lambda_function.api.function_name
  function_version = aws_lambda_function.api.version
}

resource "aws_apigatewayv2_api" "http" {
  name          = local.names.http_api
  description   = "Tributary platform API"
  protocol_type = "HTTP"
  tags          = local.tags
}

resource "aws_apigatewayv2_authorizer" "jwt" {
  api_id           = aws_apigatewayv2_api.http.id
  name             = "${var.name_prefix}-jwt"
  authorizer_type  = "JWT"
  identity_sources = ["$request.header.Authorization"]

  jwt_configuration {
    issuer   = var.oidc_issuer_url
    audience = [var.oidc_audience]
  }
}

resource "aws_apigatewayv2_integration" "lambda" {
  api_id                 = aws_apigatewayv2_api.http.id
  integration_type       = "AWS_PROXY"
  integration_method     = "POST"
  integration_uri        = aws_lambda_alias.live.invoke_arn
  payload_format_version = "2.0"
}

resource "aws_apigatewayv2_route" "authorized" {
  for_each = toset(["$default", "ANY /{proxy+}"])

  api_id             = aws_apigatewayv2_api.http.id
  route_key          = each.key
  target             = "integrations/${aws_apigatewayv2_integration.lambda.id}"
  authorization_type = "JWT"
  authorizer_id      = aws_apigatewayv2_authorizer.jwt.id
}

resource "aws_apigatewayv2_route" "public" {
  for_each = toset(local.public_routes)

  api_id             = aws_apigatewayv2_api.http.id
  route_key          = each.key
  target             = "integrations/${aws_apigatewayv2_integration.lambda.id}"
  authorization_type = "NONE"
}

resource "aws_cloudwatch_log_group" "api" {
  name              = "/aws/apigateway/${local.names.http_api}"
  retention_in_days = var.log_retention_days
  tags              = local.tags
}

resource "aws_apigatewayv2_stage" "default" {
  api_id      = aws_apigatewayv2_api.http.id
  name        = "$default"
  auto_deploy = true
  tags        = local.tags

  access_log_settings {
    destination_arn = aws_cloudwatch_log_group.api.arn
    format = jsonencode({
      requestId = "$context.requestId"
      ip        = "$context.identity.sourceIp"
      method    = "$context.httpMethod"
      path      = "$context.path"
      status    = "$context.status"
      latencyMs = "$context.responseLatency"
      subject   = "$context.authorizer.claims.sub"
      error     = "$context.authorizer.error"
    })
  }
}

resource "aws_lambda_permission" "http_api" {
  statement_id  = "AllowHttpApiInvoke"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.api.function_name
  qualifier     = aws_lambda_alias.live.name
  principal     = "apigateway.amazonaws.com"
  source_arn    = "${aws_apigatewayv2_api.http.execution_arn}/*/*"
}
