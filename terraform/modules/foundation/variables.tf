variable "name_prefix" {
  description = "Prefix of every resource name; keep the default unless tributary.aws.principal-role-template and tributary.store.table change with it."
  type        = string
  default     = "tributary"
}

variable "account_id" {
  description = "The AWS account id the foundation lives in (the Data Catalog id)."
  type        = string
}

variable "region" {
  description = "The AWS region of the foundation."
  type        = string
}

variable "partition" {
  description = "The AWS partition (aws, aws-cn, aws-us-gov)."
  type        = string
  default     = "aws"
}

variable "oidc_issuer_url" {
  description = "The OIDC issuer (https URL, the iss claim) whose tokens the HTTP API's JWT authorizer and the platform accept; Quarkus discovers its keys from it."
  type        = string

  validation {
    condition     = startswith(var.oidc_issuer_url, "https://")
    error_message = "The OIDC issuer URL must start with https://."
  }
}

variable "oidc_audience" {
  description = "The aud claim the platform's tokens carry (the client id at the issuer)."
  type        = string
}

variable "create_oidc_provider" {
  description = "Create the IAM OIDC identity provider for the issuer; false when the account already has one (then give its ARN in existing_oidc_provider_arn)."
  type        = bool
  default     = true
}

variable "existing_oidc_provider_arn" {
  description = "ARN of an IAM OIDC identity provider for the issuer that already exists; used when create_oidc_provider is false."
  type        = string
  default     = ""
}

variable "admin_group" {
  description = "The OIDC group whose members onboard domains (TRIBUTARY_ADMIN_GROUP)."
  type        = string
  default     = "platform-admins"
}

variable "principal_groups" {
  description = "OIDC groups that get an IAM role (<prefix>-group-<name>) for Lake Formation grants and Athena queries."
  type        = list(string)
  default     = []
}

variable "principal_users" {
  description = "Users that get an IAM role (<prefix>-user-<name>) for grants made to them directly."
  type        = list(string)
  default     = []
}

variable "lake_formation_admins" {
  description = "More Lake Formation administrators (IAM role or user ARNs) besides the platform role and, unless turned off, the identity applying this."
  type        = list(string)
  default     = []
}

variable "lake_formation_admin_includes_caller" {
  description = "Make the IAM identity that applies this module a Lake Formation administrator too, so a later apply can still manage the settings."
  type        = bool
  default     = true
}

variable "lambda_artifact" {
  description = "Path of the platform's Lambda deployment package (function.zip from the platform-lambda build)."
  type        = string
}

variable "lambda_memory_mb" {
  description = "Memory of the platform Lambda function in MB (CPU scales with it)."
  type        = number
  default     = 2048
}

variable "lambda_timeout_seconds" {
  description = "Timeout of the platform Lambda function in seconds; the HTTP API gives up after 30."
  type        = number
  default     = 30

  validation {
    condition     = var.lambda_timeout_seconds >= 1 && var.lambda_timeout_seconds <= 900
    error_message = "The Lambda timeout must be between 1 and 900 seconds."
  }
}

variable "lambda_environment" {
  description = "More environment variables for the platform Lambda; they win over the ones this module sets."
  type        = map(string)
  default     = {}
}

variable "log_retention_days" {
  description = "How long CloudWatch keeps the Lambda's and the HTTP API's logs, in days."
  type        = number
  default     = 30
}

variable "athena_results_expiration_days" {
  description = "Days after which Athena query results are deleted from the results bucket."
  type        = number
  default     = 7
}

variable "force_destroy_buckets" {
  description = "Let terraform destroy the data and results buckets with objects in them (for throwaway environments only)."
  type        = bool
  default     = false
}

variable "terraform_state_bucket" {
  description = "The S3 bucket that holds the domain workspaces' Terraform state, which the platform role reads and writes when it provisions domains; empty when the platform does not run Terraform itself."
  type        = string
  default     = ""
}

variable "lambda_ephemeral_storage_mb" {
  description = "The Lambda's /tmp in MB (512 to 10240): the Terraform provisioner keeps the aws provider and each domain's working folder there."
  type        = number
  default     = 4096
}

variable "terraform_layer_arn" {
  description = "A Lambda layer holding the terraform binary at bin/terraform and this repository's terraform/ folder at terraform/ (with a provider plugin cache, or network access to the registry), which the platform's Terraform provisioner runs; empty to attach none."
  type        = string
  default     = ""
}

variable "tags" {
  description = "Tags added to every resource."
  type        = map(string)
  default     = {}
}

variable "refresh_token_endpoint" {
  description = "The issuer's token endpoint (https URL) where EventBridge gets client-credentials tokens to call the refresh endpoint for the domains' refresh rules; empty creates no connection, API destination or role, and derived products then refresh only on demand."
  type        = string
  default     = ""

  validation {
    condition     = var.refresh_token_endpoint == "" || startswith(var.refresh_token_endpoint, "https://")
    error_message = "The refresh token endpoint must be empty or start with https://."
  }
}

variable "refresh_client_id" {
  description = "The client id EventBridge's connection authenticates as at refresh_token_endpoint (a confidential client with the client-credentials grant)."
  type        = string
  default     = ""
}

variable "refresh_client_secret" {
  description = "The refresh client's secret; EventBridge keeps it in a Secrets Manager secret of its own (it is in this root's state too)."
  type        = string
  default     = ""
  sensitive   = true
}

variable "refresh_client_scope" {
  description = "The scope the connection asks for (for instance api://tributary/.default on Entra ID, so the token's aud is the platform's audience); empty asks for none."
  type        = string
  default     = ""
}

variable "refresh_client_subject" {
  description = "The sub claim of the refresh client's tokens, which the API allows to trigger refreshes (TRIBUTARY_PIPELINES_TRIGGER_CLIENTS); empty means the client id, as Cognito and Okta put it. Keycloak's service accounts have their own user id here."
  type        = string
  default     = ""
}

variable "refresh_invocation_rate_per_second" {
  description = "The most refresh calls EventBridge makes per second through the API destination (1 to 300); more wait and are retried."
  type        = number
  default     = 10

  validation {
    condition     = var.refresh_invocation_rate_per_second >= 1 && var.refresh_invocation_rate_per_second <= 300
    error_message = "The refresh invocation rate must be between 1 and 300 per second."
  }
}
