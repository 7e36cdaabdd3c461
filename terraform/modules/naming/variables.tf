variable "name_prefix" {
  description = "Prefix of every name the platform gives an AWS resource; the Java side's principal role template assumes the default."
  type        = string
  default     = "tributary"

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{0,19}$", var.name_prefix))
    error_message = "The name prefix must match [a-z][a-z0-9-]{0,19}: lower case, at most 20 characters, so bucket names stay within S3's 63."
  }
}

variable "account_id" {
  description = "The 12-digit AWS account id: the Data Catalog id and the account of every role ARN."
  type        = string

  validation {
    condition     = can(regex("^[0-9]{12}$", var.account_id))
    error_message = "The account id must be exactly 12 digits."
  }
}

variable "partition" {
  description = "The AWS partition of the ARNs built here (aws, aws-cn, aws-us-gov)."
  type        = string
  default     = "aws"

  validation {
    condition     = contains(["aws", "aws-cn", "aws-us-gov"], var.partition)
    error_message = "The partition must be aws, aws-cn or aws-us-gov."
  }
}

variable "region" {
  description = "The AWS region; the shared buckets' names end with it. Null when only domain names are needed."
  type        = string
  default     = null

  validation {
    condition     = var.region == null || can(regex("^[a-z]{2}(-[a-z]+)+-[0-9]$", var.region))
    error_message = "The region must look like eu-west-1."
  }
}

variable "domain" {
  description = "The domain whose names to compute; null for the platform root, which has no domain."
  type        = string
  default     = null

  validation {
    condition     = var.domain == null || can(regex("^[a-z][a-z0-9_]{1,62}$", var.domain))
    error_message = "The domain name must match [a-z][a-z0-9_]{1,62} (lower case letters, digits and underscores, starting with a letter)."
  }
}

variable "data_bucket" {
  description = "The shared data bucket, when it already exists; the domain's data prefix is s3://<data_bucket>/<domain>/. Null to use the bucket name computed here."
  type        = string
  default     = null
}

variable "athena_results_bucket" {
  description = "The shared Athena results bucket, when it already exists. Null to use the bucket name computed here."
  type        = string
  default     = null
}

variable "principal_groups" {
  description = "OIDC groups that get an IAM role of their own (<prefix>-group-<name>) for Lake Formation grants and Athena queries."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for group in var.principal_groups : trimspace(group) != ""])
    error_message = "A principal group name must not be blank."
  }
}

variable "principal_users" {
  description = "Users that get an IAM role of their own (<prefix>-user-<name>) for grants made to them directly."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for user in var.principal_users : trimspace(user) != ""])
    error_message = "A principal user name must not be blank."
  }
}

variable "catalog_id" {
  description = "The Data Catalog id the Lake Formation inputs refer to; null means the account id."
  type        = string
  default     = null

  validation {
    condition     = var.catalog_id == null || can(regex("^[0-9]{12}$", var.catalog_id))
    error_message = "The catalog id must be a 12-digit AWS account id."
  }
}

variable "lakeformation_permissions" {
  description = "Lake Formation permissions compiled from the products' grants, keyed by grant id (LakeFormationPlan.toTerraformVariables); data_cells_filter is null for table-column permissions."
  type = map(object({
    principal                     = string
    database                      = string
    table                         = string
    wildcard                      = bool
    columns                       = list(string)
    excluded_columns              = list(string)
    data_cells_filter             = string
    permissions                   = list(string)
    permissions_with_grant_option = list(string)
  }))
  default = {}

  validation {
    condition = alltrue([
      for permission in var.lakeformation_permissions :
      can(regex("^arn:[a-z-]+:[a-z0-9-]+:[^\\s]*$", permission.principal))
    ])
    error_message = "Every Lake Formation permission's principal must be an ARN (an IAM role or an IAM Identity Center group or user)."
  }

  validation {
    condition = alltrue([
      for permission in var.lakeformation_permissions :
      length(permission.permissions) > 0 && alltrue([
        for name in concat(permission.permissions, permission.permissions_with_grant_option) :
        contains(["SELECT", "INSERT", "DELETE", "DESCRIBE", "ALTER", "DROP", "ALL"], name)
      ])
    ])
    error_message = "Every Lake Formation permission needs at least one permission, each one of SELECT, INSERT, DELETE, DESCRIBE, ALTER, DROP or ALL."
  }

  validation {
    condition = alltrue([
      for permission in var.lakeformation_permissions :
      permission.data_cells_filter != null || (permission.wildcard ? length(permission.columns) == 0 : length(permission.columns) > 0 && length(permission.excluded_columns) == 0)
    ])
    error_message = "A table-column permission (data_cells_filter null) names either a column wildcard with optional excluded_columns, or a non-empty columns list without excluded_columns."
  }

  validation {
    condition = alltrue([
      for permission in var.lakeformation_permissions :
      permission.data_cells_filter == null || (!permission.wildcard && length(permission.columns) == 0 && length(permission.excluded_columns) == 0)
    ])
    error_message = "A permission on a data cells filter takes its columns from the filter: its wildcard must be false and its columns and excluded_columns empty."
  }
}

variable "data_cells_filters" {
  description = "Data cells filters for row filters, keyed by database.table.name (LakeFormationPlan.toTerraformVariables)."
  type = map(object({
    database         = string
    table            = string
    name             = string
    row_filter       = string
    wildcard         = bool
    columns          = list(string)
    excluded_columns = list(string)
  }))
  default = {}

  validation {
    condition = alltrue([
      for key, filter in var.data_cells_filters : key == "${filter.database}.${filter.table}.${filter.name}"
    ])
    error_message = "Every data cells filter must be keyed by database.table.name of its own attributes."
  }

  validation {
    condition = alltrue([
      for filter in var.data_cells_filters :
      filter.wildcard ? length(filter.columns) == 0 : length(filter.columns) > 0 && length(filter.excluded_columns) == 0
    ])
    error_message = "A data cells filter names either a column wildcard with optional excluded_columns, or a non-empty columns list without excluded_columns."
  }

  validation {
    condition = alltrue([
      for filter in var.data_cells_filters : length(filter.name) >= 1 && length(filter.name) <= 255 && length(filter.row_filter) < 2048
    ])
    error_message = "A data cells filter's name must be 1 to 255 characters and its row filter shorter than 2048."
  }
}

variable "lf_tags" {
  description = "LF-Tag keys and the values they may take (domain, zone, classification)."
  type        = map(list(string))
  default     = {}

  validation {
    condition = alltrue([
      for key, values in var.lf_tags : can(regex("^[\\p{L}\\p{Z}\\p{N}_.:/=+@%-]{1,128}$", key)) && length(values) > 0
    ])
    error_message = "Every LF-Tag key must be 1 to 128 characters of letters, digits, spaces and _.:/=+-@%, with at least one value."
  }
}

variable "lf_tag_assignments" {
  description = "LF-Tags attached to tables (columns empty) and to columns, keyed by assignment key (LfTagAssignment.key)."
  type = map(object({
    database = string
    table    = string
    columns  = list(string)
    tags     = map(string)
  }))
  default = {}

  validation {
    condition     = alltrue([for assignment in var.lf_tag_assignments : length(assignment.tags) > 0])
    error_message = "Every LF-Tag assignment must attach at least one tag."
  }
}

variable "derived_products" {
  description = "The domain's SQL-derived products by product name: the EventBridge schedule_expression that refreshes each (rate(...) or cron(...)), and its inputs as domain.product, whose table changes refresh it too."
  type = map(object({
    schedule_expression = string
    inputs              = list(string)
  }))
  default = {}

  validation {
    condition     = alltrue([for product in keys(var.derived_products) : can(regex("^[a-z][a-z0-9_]{1,62}$", product))])
    error_message = "Every derived product name must match [a-z][a-z0-9_]{1,62}."
  }

  # EventBridge takes whole units, a singular unit for 1 and a plural one above, and at least a minute.
  validation {
    condition = alltrue([
      for derived in var.derived_products :
      can(regex("^rate\\((1 (minute|hour|day)|([2-9]|[1-9][0-9]+) (minutes|hours|days))\\)$", derived.schedule_expression)) ||
      can(regex("^cron\\(\\S+( \\S+){5}\\)$", derived.schedule_expression))
    ])
    error_message = "Every derived product's schedule_expression must be an EventBridge rate(1 minute|hour|day) or rate(N minutes|hours|days) with N of 2 or more, or a six-field cron(...)."
  }

  validation {
    condition = alltrue([
      for derived in var.derived_products :
      length(derived.inputs) > 0 && alltrue([
        for input in derived.inputs : can(regex("^[a-z][a-z0-9_]{1,62}\\.[a-z][a-z0-9_]{1,62}$", input))
      ])
    ])
    error_message = "Every derived product needs at least one input, each named domain.product (both matching [a-z][a-z0-9_]{1,62})."
  }
}
