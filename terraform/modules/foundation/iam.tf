# The platform API's role, the OIDC identity provider, and one role per platform principal
# (group:NAME, user:NAME) that Lake Formation grants name and the Athena engine assumes.

locals {
  role_arn_prefix = "arn:${var.partition}:iam::${var.account_id}:role/${var.name_prefix}-"
  oidc_provider_arn = (
    var.create_oidc_provider ? aws_iam_openid_connect_provider.issuer[0].arn : var.existing_oidc_provider_arn
  )
  workgroup_arn_pattern = "arn:${var.partition}:athena:${var.region}:${var.account_id}:workgroup/${var.name_prefix}-*"
  glue_arns = [
    "arn:${var.partition}:glue:${var.region}:${var.account_id}:catalog",
    "arn:${var.partition}:glue:${var.region}:${var.account_id}:database/*",
    "arn:${var.partition}:glue:${var.region}:${var.account_id}:table/*",
  ]
}

resource "aws_iam_openid_connect_provider" "issuer" {
  count = var.create_oidc_provider ? 1 : 0

  url            = var.oidc_issuer_url
  client_id_list = [var.oidc_audience]
  tags           = local.tags
}

data "aws_iam_policy_document" "lambda_trust" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "platform" {
  name               = local.names.platform_role
  description        = "The Tributary platform API: its table, the catalog, Lake Formation grants, and the callers' roles."
  assume_role_policy = data.aws_iam_policy_document.lambda_trust.json
  tags               = local.tags
}

resource "aws_iam_role_policy_attachment" "platform_logs" {
  role       = aws_iam_role.platform.name
  policy_arn = "arn:${var.partition}:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"
}

data "aws_iam_policy_document" "platform" {
  statement {
    sid = "PlatformTable"
    actions = [
      "dynamodb:BatchGetItem", "dynamodb:BatchWriteItem", "dynamodb:ConditionCheckItem",
      "dynamodb:DeleteItem", "dynamodb:DescribeTable", "dynamodb:GetItem", "dynamodb:PutItem",
      "dynamodb:Query", "dynamodb:Scan", "dynamodb:TransactWriteItems", "dynamodb:UpdateItem",
    ]
    resources = [aws_dynamodb_table.platform.arn, "${aws_dynamodb_table.platform.arn}/index/*"]
  }

  statement {
    sid = "Catalog"
    actions = [
      "glue:GetCatalog", "glue:GetDatabase", "glue:GetDatabases", "glue:CreateTable",
      "glue:UpdateTable", "glue:DeleteTable", "glue:GetTable", "glue:GetTables",
      "glue:GetTableVersions", "glue:GetPartitions",
    ]
    resources = local.glue_arns
  }

  statement {
    sid = "LakeFormation"
    actions = [
      "lakeformation:GetDataAccess", "lakeformation:GetDataLakeSettings",
      "lakeformation:GrantPermissions", "lakeformation:RevokePermissions",
      "lakeformation:BatchGrantPermissions", "lakeformation:BatchRevokePermissions",
      "lakeformation:ListPermissions", "lakeformation:CreateDataCellsFilter",
      "lakeformation:UpdateDataCellsFilter", "lakeformation:DeleteDataCellsFilter",
      "lakeformation:GetDataCellsFilter", "lakeformation:ListDataCellsFilter",
      "lakeformation:CreateLFTag", "lakeformation:UpdateLFTag", "lakeformation:DeleteLFTag",
      "lakeformation:GetLFTag", "lakeformation:ListLFTags", "lakeformation:AddLFTagsToResource",
      "lakeformation:RemoveLFTagsFromResource", "lakeformation:GetResourceLFTags",
      "lakeformation:DescribeResource",
    ]
    resources = ["*"]
  }

  statement {
    sid = "Athena"
    actions = [
      "athena:StartQueryExecution", "athena:GetQueryExecution", "athena:GetQueryResults",
      "athena:StopQueryExecution", "athena:GetWorkGroup",
    ]
    resources = [local.workgroup_arn_pattern]
  }

  statement {
    sid       = "Buckets"
    actions   = ["s3:ListBucket", "s3:GetBucketLocation"]
    resources = [aws_s3_bucket.data.arn, aws_s3_bucket.athena_results.arn]
  }

  statement {
    sid       = "Objects"
    actions   = ["s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:AbortMultipartUpload"]
    resources = ["${aws_s3_bucket.data.arn}/*", "${aws_s3_bucket.athena_results.arn}/*"]
  }

  statement {
    sid       = "DataKey"
    actions   = ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey", "kms:DescribeKey"]
    resources = [aws_kms_key.data.arn]
  }

  # The domains' own keys are created by the domain root; they are found by their alias.
  statement {
    sid       = "DomainKeys"
    actions   = ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey", "kms:DescribeKey"]
    resources = ["arn:${var.partition}:kms:${var.region}:${var.account_id}:key/*"]

    condition {
      test     = "ForAnyValue:StringLike"
      variable = "kms:ResourceAliases"
      values   = ["alias/${var.name_prefix}-*"]
    }
  }

  # Queries run as the caller: the platform assumes the caller's principal role with session tags.
  statement {
    sid       = "CallerRoles"
    actions   = ["sts:AssumeRole", "sts:TagSession"]
    resources = ["${local.role_arn_prefix}*"]
  }
}

resource "aws_iam_role_policy" "platform" {
  name   = "platform"
  role   = aws_iam_role.platform.id
  policy = data.aws_iam_policy_document.platform.json
}

# What the Terraform provisioner needs to apply the domain root as the platform role. Scoped by
# the name prefix wherever the service allows it.
data "aws_iam_policy_document" "provisioner" {
  count = var.terraform_state_bucket == "" ? 0 : 1

  statement {
    sid       = "StateBucket"
    actions   = ["s3:ListBucket"]
    resources = ["arn:${var.partition}:s3:::${var.terraform_state_bucket}"]
  }

  statement {
    sid       = "StateObjects"
    actions   = ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"]
    resources = ["arn:${var.partition}:s3:::${var.terraform_state_bucket}/*"]
  }

  statement {
    sid = "DomainRoles"
    actions = [
      "iam:CreateRole", "iam:DeleteRole", "iam:GetRole", "iam:UpdateRole", "iam:TagRole",
      "iam:UntagRole", "iam:UpdateAssumeRolePolicy", "iam:PutRolePolicy", "iam:GetRolePolicy",
      "iam:DeleteRolePolicy", "iam:ListRolePolicies", "iam:ListAttachedRolePolicies",
      "iam:ListInstanceProfilesForRole",
    ]
    resources = ["${local.role_arn_prefix}*"]
  }

  statement {
    sid = "DomainResources"
    actions = [
      "glue:CreateDatabase", "glue:UpdateDatabase", "glue:DeleteDatabase", "glue:GetDatabase",
      "athena:CreateWorkGroup", "athena:UpdateWorkGroup", "athena:DeleteWorkGroup",
      "athena:GetWorkGroup", "athena:TagResource", "athena:UntagResource",
      "athena:ListTagsForResource", "budgets:ModifyBudget", "budgets:ViewBudget",
      "budgets:TagResource", "budgets:ListTagsForResource", "kms:CreateKey", "kms:ListAliases",
      "kms:TagResource", "kms:ListResourceTags", "kms:GetKeyPolicy", "kms:GetKeyRotationStatus",
      "kms:EnableKeyRotation", "kms:ScheduleKeyDeletion", "kms:CreateAlias", "kms:DeleteAlias",
      "kms:UpdateAlias", "s3:GetObjectTagging", "s3:PutObjectTagging",
    ]
    resources = ["*"]
  }

  # The domains' refresh rules (modules/domain), and handing them the role that invokes the
  # platform's API destination.
  statement {
    sid = "RefreshRules"
    actions = [
      "events:PutRule", "events:DeleteRule", "events:DescribeRule", "events:EnableRule",
      "events:DisableRule", "events:PutTargets", "events:RemoveTargets", "events:ListTargetsByRule",
      "events:TagResource", "events:UntagResource", "events:ListTagsForResource",
    ]
    resources = ["arn:${var.partition}:events:${var.region}:${var.account_id}:rule/${var.name_prefix}-*"]
  }

  dynamic "statement" {
    for_each = local.refresh_enabled ? [local.refresh_role_arn] : []

    content {
      sid       = "PassRefreshRole"
      actions   = ["iam:PassRole"]
      resources = [statement.value]

      condition {
        test     = "StringEquals"
        variable = "iam:PassedToService"
        values   = ["events.amazonaws.com"]
      }
    }
  }
}

resource "aws_iam_role_policy" "provisioner" {
  count = var.terraform_state_bucket == "" ? 0 : 1

  name   = "provisioner"
  role   = aws_iam_role.platform.id
  policy = data.aws_iam_policy_document.provisioner[0].json
}

# A principal's role trusts only the platform role: the platform checks the caller's token and
# groups before it assumes the role, and tags the session with who the caller is.
data "aws_iam_policy_document" "principal_trust" {
  statement {
    actions = ["sts:AssumeRole", "sts:TagSession"]

    principals {
      type        = "AWS"
      identifiers = [aws_iam_role.platform.arn]
    }
  }
}

data "aws_iam_policy_document" "principal" {
  statement {
    sid = "Athena"
    actions = [
      "athena:StartQueryExecution", "athena:GetQueryExecution", "athena:GetQueryResults",
      "athena:StopQueryExecution", "athena:GetWorkGroup",
    ]
    resources = [local.workgroup_arn_pattern]
  }

  statement {
    sid       = "Catalog"
    actions   = ["glue:GetCatalog", "glue:GetDatabase", "glue:GetDatabases", "glue:GetTable", "glue:GetTables", "glue:GetPartitions"]
    resources = local.glue_arns
  }

  # Lake Formation vends the data credentials; the grants decide which columns and rows.
  statement {
    sid       = "LakeFormation"
    actions   = ["lakeformation:GetDataAccess"]
    resources = ["*"]
  }

  statement {
    sid       = "Results"
    actions   = ["s3:GetBucketLocation", "s3:ListBucket", "s3:GetObject", "s3:PutObject", "s3:AbortMultipartUpload"]
    resources = [aws_s3_bucket.athena_results.arn, "${aws_s3_bucket.athena_results.arn}/*"]
  }

  statement {
    sid       = "Keys"
    actions   = ["kms:Decrypt", "kms:GenerateDataKey", "kms:DescribeKey"]
    resources = ["arn:${var.partition}:kms:${var.region}:${var.account_id}:key/*"]

    condition {
      test     = "ForAnyValue:StringLike"
      variable = "kms:ResourceAliases"
      values   = ["alias/${var.name_prefix}-*"]
    }
  }
}

resource "aws_iam_role" "principal" {
  for_each = module.names.principal_role_names

  name               = each.value
  description        = "Tributary principal ${each.key}: the identity Lake Formation grants name."
  assume_role_policy = data.aws_iam_policy_document.principal_trust.json
  tags               = merge(local.tags, { "tributary:principal" = replace(each.key, "/[^\\p{L}\\p{Z}\\p{N}_.:/=+@-]/", "-") })
}

resource "aws_iam_role_policy" "principal" {
  for_each = aws_iam_role.principal

  name   = "query"
  role   = each.value.id
  policy = data.aws_iam_policy_document.principal.json
}
