# The shared lakehouse foundation: one data bucket (a prefix per domain) under a KMS key, the
# Athena results bucket, Lake Formation's settings and data location, the platform's DynamoDB
# table, and the platform API as a Lambda behind an HTTP API. Roles are in iam.tf, the API in api.tf.

module "names" {
  source = "../naming"

  name_prefix      = var.name_prefix
  account_id       = var.account_id
  region           = var.region
  partition        = var.partition
  principal_groups = var.principal_groups
  principal_users  = var.principal_users
}

locals {
  names = module.names.platform
  tags  = merge(var.tags, { "tributary:component" = "platform" })
}

data "aws_caller_identity" "current" {}

# The caller may be an assumed role; Lake Formation wants the role's ARN, not the session's.
data "aws_iam_session_context" "current" {
  arn = data.aws_caller_identity.current.arn
}

resource "aws_kms_key" "data" {
  description             = "${var.name_prefix}: the lakehouse data bucket and the platform table"
  enable_key_rotation     = true
  deletion_window_in_days = 30
  tags                    = local.tags
}

resource "aws_kms_alias" "data" {
  name          = local.names.data_kms_key_alias
  target_key_id = aws_kms_key.data.key_id
}

resource "aws_s3_bucket" "data" {
  bucket        = local.names.data_bucket
  force_destroy = var.force_destroy_buckets
  tags          = local.tags
}

resource "aws_s3_bucket_ownership_controls" "data" {
  bucket = aws_s3_bucket.data.id

  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

resource "aws_s3_bucket_public_access_block" "data" {
  bucket                  = aws_s3_bucket.data.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_versioning" "data" {
  bucket = aws_s3_bucket.data.id

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "data" {
  bucket = aws_s3_bucket.data.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.data.arn
    }
    bucket_key_enabled = true
  }
}

resource "aws_s3_bucket_policy" "data" {
  bucket = aws_s3_bucket.data.id
  policy = data.aws_iam_policy_document.tls_only["data"].json

  depends_on = [aws_s3_bucket_public_access_block.data]
}

resource "aws_s3_bucket" "athena_results" {
  bucket        = local.names.athena_results_bucket
  force_destroy = var.force_destroy_buckets
  tags          = local.tags
}

resource "aws_s3_bucket_ownership_controls" "athena_results" {
  bucket = aws_s3_bucket.athena_results.id

  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

resource "aws_s3_bucket_public_access_block" "athena_results" {
  bucket                  = aws_s3_bucket.athena_results.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_server_side_encryption_configuration" "athena_results" {
  bucket = aws_s3_bucket.athena_results.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.data.arn
    }
    bucket_key_enabled = true
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "athena_results" {
  bucket = aws_s3_bucket.athena_results.id

  rule {
    id     = "expire-query-results"
    status = "Enabled"

    filter {}

    expiration {
      days = var.athena_results_expiration_days
    }

    abort_incomplete_multipart_upload {
      days_after_initiation = 1
    }
  }
}

resource "aws_s3_bucket_policy" "athena_results" {
  bucket = aws_s3_bucket.athena_results.id
  policy = data.aws_iam_policy_document.tls_only["athena_results"].json

  depends_on = [aws_s3_bucket_public_access_block.athena_results]
}

data "aws_iam_policy_document" "tls_only" {
  for_each = {
    data           = aws_s3_bucket.data.arn
    athena_results = aws_s3_bucket.athena_results.arn
  }

  statement {
    sid     = "DenyInsecureTransport"
    effect  = "Deny"
    actions = ["s3:*"]
    resources = [
      each.value,
      "${each.value}/*",
    ]

    principals {
      type        = "*"
      identifiers = ["*"]
    }

    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }
}

# Matches what DynamoDbPlatformStore.ensureTable creates, so the platform finds the table ready:
# pk/sk strings, and the sparse "discovery" index projecting every attribute.
resource "aws_dynamodb_table" "platform" {
  name         = local.names.dynamodb_table
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "pk"
  range_key    = "sk"

  attribute {
    name = "pk"
    type = "S"
  }

  attribute {
    name = "sk"
    type = "S"
  }

  attribute {
    name = "discoveryPartition"
    type = "S"
  }

  attribute {
    name = "discoverySort"
    type = "S"
  }

  global_secondary_index {
    name            = "discovery"
    hash_key        = "discoveryPartition"
    range_key       = "discoverySort"
    projection_type = "ALL"
  }

  point_in_time_recovery {
    enabled = true
  }

  # Usage items (USAGE#...) carry expiresAt, epoch seconds: DynamoDB deletes them after it.
  ttl {
    attribute_name = "expiresAt"
    enabled        = true
  }

  server_side_encryption {
    enabled     = true
    kms_key_arn = aws_kms_key.data.arn
  }

  deletion_protection_enabled = true
  tags                        = local.tags
}

# Lake Formation: the platform role administers it (it grants and creates filters and tags), and
# no IAMAllowedPrincipals defaults, so new databases and tables are governed by Lake Formation
# alone. Leaving the default-permission blocks out is what clears them.
resource "aws_lakeformation_data_lake_settings" "this" {
  catalog_id = var.account_id
  admins = distinct(concat(
    [aws_iam_role.platform.arn],
    var.lake_formation_admin_includes_caller ? [data.aws_iam_session_context.current.issuer_arn] : [],
    var.lake_formation_admins,
  ))
}

resource "aws_lakeformation_resource" "data" {
  arn                     = aws_s3_bucket.data.arn
  use_service_linked_role = true

  depends_on = [aws_lakeformation_data_lake_settings.this]
}

# Lake Formation reads the registered location through its service-linked role, which holds no
# KMS permission of its own; the grant lets it decrypt what the data key encrypted.
resource "aws_kms_grant" "lake_formation_data_access" {
  name              = "${var.name_prefix}-lakeformation-data-access"
  key_id            = aws_kms_key.data.key_id
  grantee_principal = "arn:${var.partition}:iam::${var.account_id}:role/aws-service-role/lakeformation.amazonaws.com/AWSServiceRoleForLakeFormationDataAccess"
  operations        = ["Decrypt", "Encrypt", "GenerateDataKey", "DescribeKey"]

  depends_on = [aws_lakeformation_resource.data]
}
