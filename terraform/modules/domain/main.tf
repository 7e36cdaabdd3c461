# One domain: its Glue database on its data prefix, its KMS key, its Athena workgroup with a
# per-query scan limit, its producer and consumer roles, and its AWS Budget. Every resource
# carries the cost-allocation tag tributary:domain = <domain>, which the budget filters on.

module "names" {
  source = "../naming"

  name_prefix           = var.name_prefix
  account_id            = var.account_id
  region                = var.region
  partition             = var.partition
  domain                = var.domain
  data_bucket           = var.platform.data_bucket
  athena_results_bucket = var.platform.athena_results_bucket
  principal_groups      = distinct(concat(var.owner_groups, var.member_groups))
  derived_products      = var.derived_products
}

locals {
  names = module.names.domain
  tags  = merge(var.tags, module.names.cost_allocation_tag)

  owner_role_arns  = [for group in var.owner_groups : module.names.principal_role_arns["group:${group}"]]
  member_role_arns = [for group in var.member_groups : module.names.principal_role_arns["group:${group}"]]

  # The IAM condition key prefix of a web identity provider is its URL without https://.
  oidc_provider_key = var.platform.oidc_provider_arn == "" ? "" : element(split("oidc-provider/", var.platform.oidc_provider_arn), 1)

  roles = {
    producer = { name = local.names.producer_role, groups = var.owner_groups, group_role_arns = local.owner_role_arns }
    consumer = { name = local.names.consumer_role, groups = var.member_groups, group_role_arns = local.member_role_arns }
  }
}

resource "aws_kms_key" "domain" {
  description             = "${var.name_prefix}: domain ${var.domain} (its query results and its own jobs' data)"
  enable_key_rotation     = true
  deletion_window_in_days = 30
  tags                    = local.tags
}

resource "aws_kms_alias" "domain" {
  name          = local.names.kms_key_alias
  target_key_id = aws_kms_key.domain.key_id
}

# The domain's prefix in the shared bucket; the bucket's default encryption applies.
resource "aws_s3_object" "prefix" {
  bucket  = var.platform.data_bucket
  key     = local.names.data_prefix_key
  content = ""
  tags    = local.tags
}

resource "aws_glue_catalog_database" "domain" {
  catalog_id   = var.account_id
  name         = local.names.glue_database
  description  = var.description
  location_uri = local.names.data_prefix
  parameters   = var.title == "" ? {} : { title = var.title }
  tags         = local.tags
}

resource "aws_athena_workgroup" "domain" {
  name          = local.names.athena_workgroup
  description   = "Queries on domain ${var.domain}'s products"
  force_destroy = var.force_destroy
  tags          = local.tags

  configuration {
    bytes_scanned_cutoff_per_query     = var.bytes_scanned_cutoff_per_query
    enforce_workgroup_configuration    = true
    publish_cloudwatch_metrics_enabled = true

    engine_version {
      selected_engine_version = "Athena engine version 3"
    }

    result_configuration {
      output_location = local.names.athena_results_prefix

      encryption_configuration {
        encryption_option = "SSE_KMS"
        kms_key_arn       = aws_kms_key.domain.arn
      }
    }
  }
}

resource "aws_budgets_budget" "domain" {
  name         = local.names.budget
  budget_type  = "COST"
  limit_amount = format("%.2f", var.monthly_budget_usd)
  limit_unit   = "USD"
  time_unit    = "MONTHLY"

  # The tag must be activated as a cost-allocation tag (the platform root does it).
  cost_filter {
    name   = "TagKeyValue"
    values = [local.names.budget_tag_filter_value]
  }

  dynamic "notification" {
    for_each = length(var.budget_notification_emails) == 0 ? {} : {
      ACTUAL     = 80
      FORECASTED = 100
    }

    content {
      comparison_operator        = "GREATER_THAN"
      threshold                  = notification.value
      threshold_type             = "PERCENTAGE"
      notification_type          = notification.key
      subscriber_email_addresses = var.budget_notification_emails
    }
  }

  tags = local.tags
}

# Who may become the producer or consumer: the platform role (after checking the caller's groups),
# the group roles of the owner or member groups, and, where the issuer puts the caller's group in
# the session tags claim (https://aws.amazon.com/tags), a token of that group directly. Group roles
# are matched by aws:PrincipalArn so a group without a role yet does not break the policy.
data "aws_iam_policy_document" "trust" {
  for_each = local.roles

  statement {
    sid     = "Platform"
    actions = ["sts:AssumeRole", "sts:TagSession"]

    principals {
      type        = "AWS"
      identifiers = [var.platform.platform_role_arn]
    }
  }

  dynamic "statement" {
    for_each = length(each.value.group_role_arns) == 0 ? [] : [each.value.group_role_arns]

    content {
      sid     = "GroupRoles"
      actions = ["sts:AssumeRole", "sts:TagSession"]

      principals {
        type        = "AWS"
        identifiers = ["arn:${var.partition}:iam::${var.account_id}:root"]
      }

      condition {
        test     = "ArnEquals"
        variable = "aws:PrincipalArn"
        values   = statement.value
      }
    }
  }

  dynamic "statement" {
    for_each = local.oidc_provider_key == "" || length(each.value.groups) == 0 ? [] : [each.value.groups]

    content {
      sid     = "GroupTokens"
      actions = ["sts:AssumeRoleWithWebIdentity", "sts:TagSession"]

      principals {
        type        = "Federated"
        identifiers = [var.platform.oidc_provider_arn]
      }

      condition {
        test     = "StringEquals"
        variable = "${local.oidc_provider_key}:aud"
        values   = [var.platform.oidc_audience]
      }

      condition {
        test     = "StringEquals"
        variable = "aws:RequestTag/tributary:group"
        values   = statement.value
      }
    }
  }
}

resource "aws_iam_role" "domain" {
  for_each = local.roles

  name               = each.value.name
  description        = "Tributary domain ${var.domain}: ${each.key}"
  assume_role_policy = data.aws_iam_policy_document.trust[each.key].json
  tags               = local.tags
}

data "aws_iam_policy_document" "access" {
  for_each = local.roles

  statement {
    sid = "Workgroup"
    actions = [
      "athena:StartQueryExecution", "athena:GetQueryExecution", "athena:GetQueryResults",
      "athena:StopQueryExecution", "athena:GetWorkGroup",
    ]
    resources = [aws_athena_workgroup.domain.arn]
  }

  statement {
    sid = "Catalog"
    actions = concat(
      ["glue:GetCatalog", "glue:GetDatabase", "glue:GetTable", "glue:GetTables", "glue:GetPartitions"],
      each.key == "producer" ? ["glue:CreateTable", "glue:UpdateTable", "glue:DeleteTable"] : [],
    )
    resources = [
      "arn:${var.partition}:glue:${var.region}:${var.account_id}:catalog",
      aws_glue_catalog_database.domain.arn,
      "arn:${var.partition}:glue:${var.region}:${var.account_id}:table/${var.domain}/*",
    ]
  }

  statement {
    sid       = "LakeFormation"
    actions   = ["lakeformation:GetDataAccess"]
    resources = ["*"]
  }

  statement {
    sid       = "Results"
    actions   = ["s3:GetBucketLocation", "s3:ListBucket", "s3:GetObject", "s3:PutObject", "s3:AbortMultipartUpload"]
    resources = ["arn:${var.partition}:s3:::${var.platform.athena_results_bucket}", "arn:${var.partition}:s3:::${var.platform.athena_results_bucket}/${local.names.data_prefix_key}*"]
  }

  # The producer's own jobs write under the domain's prefix (the external source type).
  dynamic "statement" {
    for_each = each.key == "producer" ? [local.names.data_prefix_key] : []

    content {
      sid       = "DomainPrefix"
      actions   = ["s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:AbortMultipartUpload"]
      resources = ["arn:${var.partition}:s3:::${var.platform.data_bucket}/${statement.value}*"]
    }
  }

  statement {
    sid       = "Keys"
    actions   = ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey", "kms:DescribeKey"]
    resources = [aws_kms_key.domain.arn, var.platform.data_kms_key_arn]
  }
}

resource "aws_iam_role_policy" "domain" {
  for_each = local.roles

  name   = "domain-${each.key}"
  role   = aws_iam_role.domain[each.key].id
  policy = data.aws_iam_policy_document.access[each.key].json
}

# Lake Formation: the producer owns the database's tables, the consumer reads all of them.
resource "aws_lakeformation_permissions" "producer_database" {
  catalog_id  = var.account_id
  principal   = aws_iam_role.domain["producer"].arn
  permissions = ["ALTER", "CREATE_TABLE", "DESCRIBE", "DROP"]

  database {
    catalog_id = var.account_id
    name       = aws_glue_catalog_database.domain.name
  }
}

resource "aws_lakeformation_permissions" "producer_tables" {
  catalog_id  = var.account_id
  principal   = aws_iam_role.domain["producer"].arn
  permissions = ["ALL"]

  table {
    catalog_id    = var.account_id
    database_name = aws_glue_catalog_database.domain.name
    wildcard      = true
  }
}

resource "aws_lakeformation_permissions" "consumer_tables" {
  catalog_id  = var.account_id
  principal   = aws_iam_role.domain["consumer"].arn
  permissions = ["DESCRIBE", "SELECT"]

  table {
    catalog_id    = var.account_id
    database_name = aws_glue_catalog_database.domain.name
    wildcard      = true
  }
}

resource "aws_lakeformation_lf_tag" "managed" {
  for_each = var.manage_lf_tags ? var.lf_tags : {}

  catalog_id = var.account_id
  key        = each.key
  values     = each.value
}

# Refreshes of SQL-derived products: in AWS the API runs no scheduler, so each derived product gets
# two rules calling POST .../refresh through the platform's API destination: one on its schedule,
# one on a Glue UpdateTable of any of its inputs (an Iceberg commit, so a new snapshot). Each says
# which trigger it is, and the run history shows it. Glue events are best effort: the schedule
# still refreshes a product whose input change was missed.
locals {
  refresh_rules = var.refresh_api_destination == null ? {} : module.names.refresh_rules
  refresh_triggers = merge(
    { for product, rules in local.refresh_rules : "${product}/schedule" => { product = product, trigger = "schedule" } },
    { for product, rules in local.refresh_rules : "${product}/input-changed" => { product = product, trigger = "input-changed" } },
  )
}

resource "aws_cloudwatch_event_rule" "refresh_schedule" {
  for_each = local.refresh_rules

  name                = each.value.schedule_rule
  description         = "Refreshes ${var.domain}.${each.key} (SQL-derived product) on its schedule"
  schedule_expression = each.value.schedule_expression
  tags                = local.tags
}

resource "aws_cloudwatch_event_rule" "refresh_inputs" {
  for_each = local.refresh_rules

  name          = each.value.inputs_rule
  description   = "Refreshes ${var.domain}.${each.key} (SQL-derived product) when one of its inputs commits"
  event_pattern = each.value.inputs_event_pattern
  tags          = local.tags
}

resource "aws_cloudwatch_event_target" "refresh" {
  for_each = local.refresh_triggers

  rule     = each.value.trigger == "schedule" ? aws_cloudwatch_event_rule.refresh_schedule[each.value.product].name : aws_cloudwatch_event_rule.refresh_inputs[each.value.product].name
  arn      = var.refresh_api_destination.arn
  role_arn = var.refresh_api_destination.role_arn

  http_target {
    path_parameter_values   = local.refresh_rules[each.value.product].path_parameter_values
    query_string_parameters = { trigger = each.value.trigger }
  }

  # EventBridge waits 5 seconds for an API destination and retries on a timeout, 429 or 5xx, while
  # the Lambda goes on with the refresh: a couple of retries within the hour, not 185 over a day;
  # the next schedule or commit triggers another anyway.
  retry_policy {
    maximum_event_age_in_seconds = 3600
    maximum_retry_attempts       = 2
  }
}
