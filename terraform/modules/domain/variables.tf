variable "name_prefix" {
  description = "Prefix of every resource name, the platform's (platform.name_prefix)."
  type        = string
  default     = "tributary"
}

variable "account_id" {
  description = "The AWS account id (the Data Catalog id)."
  type        = string
}

variable "region" {
  description = "The AWS region of the domain's resources."
  type        = string
}

variable "partition" {
  description = "The AWS partition (aws, aws-cn, aws-us-gov)."
  type        = string
  default     = "aws"
}

variable "domain" {
  description = "The domain's name: its Glue database, and part of its workgroup, key alias, role and budget names."
  type        = string
}

variable "title" {
  description = "The domain's title, kept as a Glue database parameter."
  type        = string
  default     = ""
}

variable "description" {
  description = "The Glue database's description."
  type        = string
  default     = ""
}

variable "owner_groups" {
  description = "OIDC groups that own the domain and assume its producer role."
  type        = list(string)

  validation {
    condition     = length(var.owner_groups) > 0
    error_message = "A domain needs at least one owner group."
  }
}

variable "member_groups" {
  description = "OIDC groups that read every product of the domain through its consumer role."
  type        = list(string)
  default     = []
}

variable "monthly_budget_usd" {
  description = "The monthly AWS Budget in US dollars, on the domain's cost-allocation tag."
  type        = number

  validation {
    condition     = var.monthly_budget_usd > 0
    error_message = "The monthly budget must be more than 0 USD."
  }
}

variable "budget_notification_emails" {
  description = "Addresses told when the domain's actual spend passes 80% and its forecast passes 100% of the budget; none to notify no one."
  type        = list(string)
  default     = []
}

variable "bytes_scanned_cutoff_per_query" {
  description = "The Athena workgroup's per-query scan limit in bytes; Athena's minimum is 10 MB (10485760)."
  type        = number

  validation {
    condition     = var.bytes_scanned_cutoff_per_query >= 10485760
    error_message = "Athena refuses a bytes_scanned_cutoff_per_query below 10485760 bytes (10 MB)."
  }
}

variable "platform" {
  description = "The platform root's platform output: name prefix, data bucket and its KMS key, Athena results bucket, OIDC provider and audience, platform role."
  type = object({
    name_prefix           = string
    data_bucket           = string
    data_kms_key_arn      = string
    athena_results_bucket = string
    oidc_provider_arn     = string
    oidc_audience         = string
    platform_role_arn     = string
  })
}

variable "manage_lf_tags" {
  description = "Create the LF-Tag keys in lf_tags here. LF-Tag keys are account-wide, so with one workspace per domain they belong to the platform root (false); true suits an account with a single domain workspace."
  type        = bool
  default     = false
}

variable "lf_tags" {
  description = "LF-Tag keys and values to create when manage_lf_tags is true."
  type        = map(list(string))
  default     = {}
}

variable "force_destroy" {
  description = "Let terraform delete the workgroup with its query history (throwaway environments only)."
  type        = bool
  default     = false
}

variable "tags" {
  description = "Tags added to every resource besides the cost-allocation tag."
  type        = map(string)
  default     = {}
}

variable "derived_products" {
  description = "SQL-derived products of the domain, by product name: the EventBridge schedule_expression (such as rate(15 minutes)) that refreshes each, and its inputs (domain.product) whose Glue table changes refresh it too. Rules are created only when refresh_api_destination is set."
  type = map(object({
    schedule_expression = string
    inputs              = list(string)
  }))
  default = {}
}

variable "refresh_api_destination" {
  description = "The platform's EventBridge API destination for POST /api/v1/domains/*/products/*/refresh (its invocation endpoint has the two path wildcards, its connection gets a client-credentials token from the issuer) and the role EventBridge assumes to invoke it; null creates no rule."
  type = object({
    arn      = string
    role_arn = string
  })
  default = null
}
