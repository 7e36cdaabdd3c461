# Refreshes of SQL-derived products in AWS: the Lambda runs no scheduler, so each domain's rules
# (modules/domain) call POST /api/v1/domains/{d}/products/{p}/refresh through the one API
# destination here. Its connection gets a token from the issuer with the client-credentials grant,
# and the API lets that client (TRIBUTARY_PIPELINES_TRIGGER_CLIENTS) trigger refreshes and nothing
# else. Without a token endpoint none of this exists and derived products refresh only on demand.

locals {
  refresh_enabled        = var.refresh_token_endpoint != ""
  refresh_client_subject = var.refresh_client_subject != "" ? var.refresh_client_subject : var.refresh_client_id
  refresh_api_destination_arn = (
    local.refresh_enabled ? aws_cloudwatch_event_api_destination.refresh[0].arn : ""
  )
  refresh_role_arn = local.refresh_enabled ? aws_iam_role.refresh[0].arn : ""
}

resource "aws_cloudwatch_event_connection" "refresh" {
  count = local.refresh_enabled ? 1 : 0

  name               = local.names.refresh_connection
  description        = "Tributary: the refresh client's tokens from the issuer (client credentials)"
  authorization_type = "OAUTH_CLIENT_CREDENTIALS"

  # EventBridge keeps the client secret in a Secrets Manager secret of its own.
  auth_parameters {
    oauth {
      authorization_endpoint = var.refresh_token_endpoint
      http_method            = "POST"

      client_parameters {
        client_id     = var.refresh_client_id
        client_secret = var.refresh_client_secret
      }

      oauth_http_parameters {
        body {
          key             = "grant_type"
          value           = "client_credentials"
          is_value_secret = false
        }

        dynamic "body" {
          for_each = var.refresh_client_scope == "" ? [] : [var.refresh_client_scope]

          content {
            key             = "scope"
            value           = body.value
            is_value_secret = false
          }
        }
      }
    }
  }

  lifecycle {
    precondition {
      condition     = var.refresh_client_id != "" && var.refresh_client_secret != ""
      error_message = "refresh_token_endpoint is set, so refresh_client_id and refresh_client_secret must be too: the client EventBridge gets its tokens as."
    }
  }
}

# One destination for every domain: the rules fill the two wildcards with domain and product.
resource "aws_cloudwatch_event_api_destination" "refresh" {
  count = local.refresh_enabled ? 1 : 0

  name                             = local.names.refresh_api_destination
  description                      = "POST /api/v1/domains/{domain}/products/{product}/refresh of the platform API"
  invocation_endpoint              = "${aws_apigatewayv2_api.http.api_endpoint}/api/v1/domains/*/products/*/refresh"
  http_method                      = "POST"
  invocation_rate_limit_per_second = var.refresh_invocation_rate_per_second
  connection_arn                   = aws_cloudwatch_event_connection.refresh[0].arn
}

data "aws_iam_policy_document" "refresh_trust" {
  count = local.refresh_enabled ? 1 : 0

  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["events.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [var.account_id]
    }
  }
}

resource "aws_iam_role" "refresh" {
  count = local.refresh_enabled ? 1 : 0

  name               = local.names.refresh_role
  description        = "EventBridge invoking the platform API's refresh endpoint for the domains' refresh rules."
  assume_role_policy = data.aws_iam_policy_document.refresh_trust[0].json
  tags               = local.tags
}

data "aws_iam_policy_document" "refresh" {
  count = local.refresh_enabled ? 1 : 0

  statement {
    sid       = "InvokeRefresh"
    actions   = ["events:InvokeApiDestination"]
    resources = [aws_cloudwatch_event_api_destination.refresh[0].arn]
  }
}

resource "aws_iam_role_policy" "refresh" {
  count = local.refresh_enabled ? 1 : 0

  name   = "invoke-refresh"
  role   = aws_iam_role.refresh[0].id
  policy = data.aws_iam_policy_document.refresh[0].json
}
