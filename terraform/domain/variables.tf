# The domain root's inputs. The platform's Terraform provisioner renders every one of them into
# the workspace named after the domain (tributary.auto.tfvars.json); a test in platform-api checks
# that what it renders matches the variables declared here.

variable "region" {
  description = "AWS region of the domain's resources (the domain's own, or the platform's)."
  type        = string
}

variable "domain" {
  description = "The domain's name: its Glue database, Athena workgroup, key alias and role names, and this workspace's name."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9_]{1,62}$", var.domain))
    error_message = "The domain name must match [a-z][a-z0-9_]{1,62}."
  }
}

variable "title" {
  description = "The domain's title, shown on its Glue database."
  type        = string
  default     = ""
}

variable "description" {
  description = "What the domain holds, set as its Glue database's description."
  type        = string
  default     = ""
}

variable "owner_groups" {
  description = "OIDC groups that own the domain: they assume the producer role."
  type        = list(string)
}

variable "member_groups" {
  description = "OIDC groups that read every product of the domain: they assume the consumer role."
  type        = list(string)
  default     = []
}

variable "monthly_budget_usd" {
  description = "The domain's monthly AWS Budget in US dollars, on its cost-allocation tag."
  type        = number
}

variable "bytes_scanned_cutoff_per_query" {
  description = "The Athena workgroup's per-query scan limit in bytes (at least 10 MB)."
  type        = number
}

variable "platform" {
  description = "Outputs of the platform root this domain builds on: name prefix, data bucket and its KMS key, Athena results bucket, the OIDC provider the roles trust, the platform API's role, and the EventBridge API destination and role of the refresh rules (empty: no rules)."
  type = object({
    name_prefix                 = string
    data_bucket                 = string
    data_kms_key_arn            = string
    athena_results_bucket       = string
    oidc_provider_arn           = string
    oidc_audience               = string
    platform_role_arn           = string
    refresh_api_destination_arn = optional(string, "")
    refresh_role_arn            = optional(string, "")
  })
}

variable "products" {
  description = "The domain's active data products by name: zone, visibility, version and tags."
  type = map(object({
    zone       = string
    visibility = string
    version    = string
    tags       = list(string)
  }))
  default = {}
}

variable "derived_products" {
  description = "The domain's SQL-derived products by name: the EventBridge schedule_expression of their source.schedule (rate(1 hour), rate(15 minutes)) and their inputs as domain.product. Each gets a rule on its schedule and one on its inputs' table changes, both calling the platform's refresh endpoint."
  type = map(object({
    schedule_expression = string
    inputs              = list(string)
  }))
  default = {}
}

variable "catalog_id" {
  description = "The Data Catalog id (the AWS account id) the Lake Formation inputs below refer to."
  type        = string
}

variable "lakeformation_permissions" {
  description = "Lake Formation permissions compiled from the products' grants, keyed by grant id (policies module, LakeFormationPlan.toTerraformVariables)."
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
}

variable "data_cells_filters" {
  description = "Data cells filters for row filters, keyed by database.table.name."
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
}

variable "lf_tags" {
  description = "LF-Tag keys and their values (domain, zone, classification)."
  type        = map(list(string))
  default     = {}
}

variable "lf_tag_assignments" {
  description = "LF-Tags attached to tables and columns, keyed by assignment key."
  type = map(object({
    database = string
    table    = string
    columns  = list(string)
    tags     = map(string)
  }))
  default = {}
}

variable "tags" {
  description = "Tags added to every resource besides the domain's cost-allocation tag."
  type        = map(string)
  default     = {}
}
