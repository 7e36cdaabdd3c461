variable "region" {
  description = "AWS region of the platform: its API, table, buckets, catalog and Athena."
  type        = string
}

variable "account_id" {
  description = "The AWS account id; the provider refuses to run against any other account."
  type        = string
}

variable "name_prefix" {
  description = "Prefix of every resource name; the platform's defaults (table tributary, roles tributary-*) assume tributary."
  type        = string
  default     = "tributary"
}

variable "oidc_issuer_url" {
  description = "The OIDC issuer (iss claim, https URL) the HTTP API's JWT authorizer and the platform trust."
  type        = string
}

variable "oidc_audience" {
  description = "The aud claim of the platform's tokens."
  type        = string
}

variable "create_oidc_provider" {
  description = "Create the IAM OIDC identity provider for the issuer; false when the account has one already."
  type        = bool
  default     = true
}

variable "existing_oidc_provider_arn" {
  description = "ARN of the account's existing IAM OIDC identity provider for the issuer, when create_oidc_provider is false."
  type        = string
  default     = ""
}

variable "admin_group" {
  description = "The OIDC group whose members onboard domains."
  type        = string
  default     = "platform-admins"
}

variable "principal_groups" {
  description = "OIDC groups that get a principal role (<prefix>-group-<name>): every group that owns, reads or is granted a product."
  type        = list(string)
  default     = []
}

variable "principal_users" {
  description = "Users that get a principal role (<prefix>-user-<name>) for grants made to them directly."
  type        = list(string)
  default     = []
}

variable "lake_formation_admins" {
  description = "More Lake Formation administrators (IAM role or user ARNs) besides the platform role and the identity applying this."
  type        = list(string)
  default     = []
}

variable "lambda_artifact" {
  description = "The platform Lambda's deployment package: a path relative to the repository root, or absolute."
  type        = string
  default     = "platform-lambda/target/function.zip"
}

variable "lambda_memory_mb" {
  description = "Memory of the platform Lambda in MB."
  type        = number
  default     = 2048
}

variable "lambda_timeout_seconds" {
  description = "Timeout of the platform Lambda in seconds (the HTTP API waits at most 30)."
  type        = number
  default     = 30
}

variable "lambda_environment" {
  description = "More environment variables for the platform Lambda, such as the Terraform provisioner's settings; they win over the computed ones."
  type        = map(string)
  default     = {}
}

variable "terraform_layer_arn" {
  description = "A Lambda layer holding the terraform binary at bin/terraform and the repository's terraform/ folder at terraform/, for the platform's Terraform provisioner; empty to attach none."
  type        = string
  default     = ""
}

variable "terraform_state_bucket" {
  description = "The S3 bucket of the domain workspaces' state, when the platform role applies the domain root itself; empty otherwise."
  type        = string
  default     = ""
}

variable "refresh_token_endpoint" {
  description = "The issuer's token endpoint (https URL): EventBridge gets client-credentials tokens there to call POST .../refresh for the domains' refresh rules. Empty: no rules, derived products refresh only on demand."
  type        = string
  default     = ""
}

variable "refresh_client_id" {
  description = "The confidential client (client-credentials grant) registered at the issuer for EventBridge's refresh calls."
  type        = string
  default     = ""
}

variable "refresh_client_secret" {
  description = "The refresh client's secret (pass it with TF_VAR_refresh_client_secret; it ends up in this root's state and in the connection's Secrets Manager secret)."
  type        = string
  default     = ""
  sensitive   = true
}

variable "refresh_client_scope" {
  description = "The scope the connection asks the issuer for, such as api://tributary/.default on Entra ID so the token's aud is oidc_audience; empty for none."
  type        = string
  default     = ""
}

variable "refresh_client_subject" {
  description = "The sub claim of the refresh client's tokens when it is not the client id (Keycloak service accounts); the API lets this subject trigger refreshes."
  type        = string
  default     = ""
}

variable "lf_tags" {
  description = "The account-wide LF-Tag keys and their first values. The platform adds values later (UpdateLFTag), so changes to values are not reverted here."
  type        = map(list(string))
  default = {
    zone           = ["raw", "curated", "analytics"]
    classification = ["pii"]
  }
}

variable "domains" {
  description = "Domains known when the platform is applied: the first values of the account-wide domain LF-Tag. Empty leaves the domain tag to the platform's first onboarding."
  type        = list(string)
  default     = []
}

variable "activate_cost_allocation_tag" {
  description = "Activate tributary:domain as a cost-allocation tag, which the domains' budgets filter on; needs the management (payer) account's permission."
  type        = bool
  default     = true
}

variable "tags" {
  description = "Tags added to every resource."
  type        = map(string)
  default     = {}
}
