output "platform" {
  description = "Names of the shared foundation: DynamoDB table, Lambda function and alias, HTTP API, platform role, data KMS alias, data and Athena results buckets (null without a region), the principal role ARN pattern, and the EventBridge connection, API destination and role that refresh derived products."
  value       = local.platform
}

output "domain" {
  description = "Names of one domain (null without a domain): Glue database, Athena workgroup, producer and consumer roles, KMS alias, budget, data and Athena results prefixes, cost-allocation tag and the budget's tag filter value."
  value       = local.domain

  precondition {
    condition     = length(local.permissions_outside_domain) == 0
    error_message = "Lake Formation permissions must be on the domain's own database '${coalesce(var.domain, "-")}'; these are not: ${join(", ", local.permissions_outside_domain)}."
  }

  precondition {
    condition     = length(local.filters_outside_domain) == 0
    error_message = "Data cells filters must be on the domain's own database '${coalesce(var.domain, "-")}'; these are not: ${join(", ", local.filters_outside_domain)}."
  }

  precondition {
    condition     = length(local.assignments_outside_domain) == 0
    error_message = "LF-Tag assignments must be on the domain's own database '${coalesce(var.domain, "-")}'; these are not: ${join(", ", local.assignments_outside_domain)}."
  }
}

output "cost_allocation_tag" {
  description = "The cost-allocation tag every domain resource carries and the domain's AWS Budget filters on: tributary:domain = <domain> (empty without a domain)."
  value       = var.domain == null ? {} : local.domain.cost_allocation_tag
}

output "principal_role_names" {
  description = "IAM role names of the principal groups and users, keyed group:NAME / user:NAME, as PrincipalRoles names them."
  value       = local.principal_role_names

  precondition {
    condition     = length(local.principal_roles_too_long) == 0
    error_message = "IAM role names are at most 64 characters; these principals' would be longer: ${join(", ", local.principal_roles_too_long)}."
  }
}

output "principal_role_arns" {
  description = "IAM role ARNs of the principal groups and users, keyed group:NAME / user:NAME."
  value       = local.principal_role_arns
}

output "catalog_id" {
  description = "The Data Catalog id every Lake Formation resource names."
  value       = local.catalog_id
}

output "table_column_permissions" {
  description = "Permissions on a table's columns (include list, or wildcard with exclusions), keyed by grant id: one aws_lakeformation_permissions with a table_with_columns block each."
  value       = local.table_column_permissions
}

output "data_cells_filter_permissions" {
  description = "Permissions on a data cells filter, keyed by grant id: one aws_lakeformation_permissions with a data_cells_filter block each."
  value       = local.data_cells_filter_permissions

  precondition {
    condition     = length(local.permissions_on_undeclared_filters) == 0
    error_message = "These Lake Formation permissions name a data cells filter that data_cells_filters does not declare: ${join(", ", local.permissions_on_undeclared_filters)}."
  }
}

output "data_cells_filters" {
  description = "Data cells filters keyed by database.table.name: row filter (null with all_rows) and columns (names, or wildcard with exclusions)."
  value       = local.data_cells_filters
}

output "lf_tags" {
  description = "LF-Tag keys and their sorted values."
  value       = local.lf_tags
}

output "tag_keys" {
  description = "The LF-Tag keys, sorted."
  value       = local.tag_keys
}

output "table_tag_assignments" {
  description = "LF-Tags attached to whole tables, keyed by assignment key."
  value       = local.table_tag_assignments

  precondition {
    condition     = length(local.assignments_with_undeclared_tags) == 0
    error_message = "These LF-Tag assignments use a tag key or value that lf_tags does not declare: ${join(", ", local.assignments_with_undeclared_tags)}."
  }
}

output "column_tag_assignments" {
  description = "LF-Tags attached to columns of a table, keyed by assignment key."
  value       = local.column_tag_assignments
}

output "cost_allocation_tag_key" {
  description = "The key of the cost-allocation tag, tributary:domain; the platform root activates it."
  value       = local.cost_allocation_tag_key
}

output "refresh_rules" {
  description = "The EventBridge rules that refresh each SQL-derived product (empty without a domain), keyed by product: schedule_rule and its schedule_expression, inputs_rule and its inputs_event_pattern (JSON: Glue UpdateTable of any input table), and the path_parameter_values (domain, product) of POST /api/v1/domains/*/products/*/refresh."
  value       = local.refresh_rules

  precondition {
    condition     = length(local.derived_products_reading_themselves) == 0
    error_message = "A derived product cannot be its own input (its refresh would trigger the next): ${join(", ", local.derived_products_reading_themselves)}."
  }
}
