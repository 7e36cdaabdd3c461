# Every name the platform gives an AWS resource, and the compiled Lake Formation inputs turned into
# the maps the grants module iterates. The Java side computes the same names (PrincipalRoles, the
# Athena engine's workgroup, the catalog's database), so they live in one place here.

locals {
  cost_allocation_tag_key = "tributary:domain"
  iam_role_arn_prefix     = "arn:${var.partition}:iam::${var.account_id}:role/"
  catalog_id              = coalesce(var.catalog_id, var.account_id)

  platform = {
    name_prefix             = var.name_prefix
    dynamodb_table          = var.name_prefix
    lambda_function         = "${var.name_prefix}-api"
    lambda_alias            = "live"
    http_api                = "${var.name_prefix}-api"
    platform_role           = "${var.name_prefix}-platform"
    platform_role_arn       = "${local.iam_role_arn_prefix}${var.name_prefix}-platform"
    data_kms_key_alias      = "alias/${var.name_prefix}-data"
    data_bucket             = var.data_bucket != null ? var.data_bucket : (var.region == null ? null : "${var.name_prefix}-data-${var.account_id}-${var.region}")
    athena_results_bucket   = var.athena_results_bucket != null ? var.athena_results_bucket : (var.region == null ? null : "${var.name_prefix}-athena-results-${var.account_id}-${var.region}")
    principal_role_pattern  = "${local.iam_role_arn_prefix}${var.name_prefix}-{kind}-{name}"
    refresh_connection      = "${var.name_prefix}-refresh"
    refresh_api_destination = "${var.name_prefix}-refresh"
    refresh_role            = "${var.name_prefix}-refresh-events"
  }

  # IAM allows [A-Za-z0-9+=,.@_-] in role names; PrincipalRoles replaces anything else with '-'.
  principals = merge(
    { for group in var.principal_groups : "group:${group}" => { kind = "group", name = group } },
    { for user in var.principal_users : "user:${user}" => { kind = "user", name = user } },
  )
  principal_role_names = {
    for principal, parts in local.principals :
    principal => "${var.name_prefix}-${parts.kind}-${replace(parts.name, "/[^A-Za-z0-9+=,.@_-]/", "-")}"
  }
  principal_role_arns = {
    for principal, role in local.principal_role_names : principal => "${local.iam_role_arn_prefix}${role}"
  }
  principal_roles_too_long = [
    for principal, role in local.principal_role_names : "${principal} (${role})" if length(role) > 64
  ]

  domain_prefix = var.domain == null ? null : "${var.name_prefix}-${var.domain}"
  domain = var.domain == null ? null : {
    name                    = var.domain
    glue_database           = var.domain
    athena_workgroup        = local.domain_prefix
    producer_role           = "${local.domain_prefix}-producer"
    consumer_role           = "${local.domain_prefix}-consumer"
    producer_role_arn       = "${local.iam_role_arn_prefix}${local.domain_prefix}-producer"
    consumer_role_arn       = "${local.iam_role_arn_prefix}${local.domain_prefix}-consumer"
    kms_key_alias           = "alias/${local.domain_prefix}"
    budget                  = local.domain_prefix
    data_prefix_key         = "${var.domain}/"
    data_prefix             = local.platform.data_bucket == null ? null : "s3://${local.platform.data_bucket}/${var.domain}/"
    athena_results_prefix   = local.platform.athena_results_bucket == null ? null : "s3://${local.platform.athena_results_bucket}/${var.domain}/"
    cost_allocation_tag     = { (local.cost_allocation_tag_key) = var.domain }
    budget_tag_filter_value = format("user:%s$%s", local.cost_allocation_tag_key, var.domain)
  }

  # Grants, split by the kind of resource they name: aws_lakeformation_permissions takes either a
  # table_with_columns block or a data_cells_filter block, never both.
  table_column_permissions = {
    for id, permission in var.lakeformation_permissions : id => {
      principal                     = permission.principal
      catalog_id                    = local.catalog_id
      database                      = permission.database
      table                         = permission.table
      wildcard                      = permission.wildcard
      column_names                  = permission.wildcard ? null : sort(permission.columns)
      excluded_column_names         = permission.wildcard && length(permission.excluded_columns) > 0 ? sort(permission.excluded_columns) : null
      permissions                   = sort(permission.permissions)
      permissions_with_grant_option = sort(permission.permissions_with_grant_option)
    } if permission.data_cells_filter == null
  }
  data_cells_filter_permissions = {
    for id, permission in var.lakeformation_permissions : id => {
      principal                     = permission.principal
      catalog_id                    = local.catalog_id
      database                      = permission.database
      table                         = permission.table
      data_cells_filter             = permission.data_cells_filter
      filter_key                    = "${permission.database}.${permission.table}.${permission.data_cells_filter}"
      permissions                   = sort(permission.permissions)
      permissions_with_grant_option = sort(permission.permissions_with_grant_option)
    } if permission.data_cells_filter != null
  }
  data_cells_filters = {
    for key, filter in var.data_cells_filters : key => {
      catalog_id            = local.catalog_id
      database              = filter.database
      table                 = filter.table
      name                  = filter.name
      all_rows              = trimspace(filter.row_filter) == ""
      row_filter            = trimspace(filter.row_filter) == "" ? null : filter.row_filter
      column_wildcard       = filter.wildcard
      column_names          = filter.wildcard ? null : sort(filter.columns)
      excluded_column_names = filter.wildcard ? sort(filter.excluded_columns) : null
    }
  }

  # aws_lakeformation_resource_lf_tags takes a table block or a table_with_columns block.
  table_tag_assignments = {
    for key, assignment in var.lf_tag_assignments : key => {
      catalog_id = local.catalog_id
      database   = assignment.database
      table      = assignment.table
      tags       = assignment.tags
    } if length(assignment.columns) == 0
  }
  column_tag_assignments = {
    for key, assignment in var.lf_tag_assignments : key => {
      catalog_id = local.catalog_id
      database   = assignment.database
      table      = assignment.table
      columns    = sort(assignment.columns)
      tags       = assignment.tags
    } if length(assignment.columns) > 0
  }
  lf_tags  = { for key, values in var.lf_tags : key => sort(distinct(values)) }
  tag_keys = sort(keys(var.lf_tags))

  # Cross-input checks. Input validations may only read their own variable before Terraform 1.9,
  # so these are preconditions on the outputs that carry the maps.
  permissions_on_undeclared_filters = [
    for id, permission in local.data_cells_filter_permissions :
    "${id} (${permission.filter_key})" if !contains(keys(var.data_cells_filters), permission.filter_key)
  ]
  permissions_outside_domain = var.domain == null ? [] : [
    for id, permission in var.lakeformation_permissions : "${id} (${permission.database})" if permission.database != var.domain
  ]
  filters_outside_domain = var.domain == null ? [] : [
    for key, filter in var.data_cells_filters : "${key} (${filter.database})" if filter.database != var.domain
  ]
  assignments_outside_domain = var.domain == null ? [] : [
    for key, assignment in var.lf_tag_assignments : "${key} (${assignment.database})" if assignment.database != var.domain
  ]
  assignments_with_undeclared_tags = flatten([
    for key, assignment in var.lf_tag_assignments : [
      for tag_key, value in assignment.tags : "${key} (${tag_key}=${value})"
      if !contains(lookup(var.lf_tags, tag_key, []), value)
    ]
  ])
}

# Refreshes of SQL-derived products as EventBridge rules: one on the product's schedule, one on
# Glue table changes of its inputs. Rule names are at most 64 characters: a stem that would be
# longer is cut and made unique again with a hash of the whole.
locals {
  refresh_rule_suffixes = { schedule = "-schedule", inputs = "-inputs" }
  refresh_rule_stems = var.domain == null ? {} : {
    for product in keys(var.derived_products) : product => (
      length("${local.domain_prefix}-${product}") <= 55
      ? "${local.domain_prefix}-${product}"
      : "${substr("${local.domain_prefix}-${product}", 0, 46)}-${substr(sha1("${local.domain_prefix}-${product}"), 0, 8)}"
    )
  }

  # Inputs grouped by their Glue database (the input's domain), tables sorted.
  refresh_inputs_by_database = {
    for product, derived in var.derived_products : product => {
      for database, tables in { for input in derived.inputs : split(".", input)[0] => split(".", input)[1]... } :
      database => sort(distinct(tables))
    }
  }

  # Iceberg commits through the Glue catalog are UpdateTable calls, which Glue reports as a "Glue
  # Data Catalog Table State Change" with the database and table named in the detail. Inputs in
  # several databases need $or, since databaseName and tableName must match as a pair.
  refresh_input_event_patterns = {
    for product, databases in local.refresh_inputs_by_database : product => jsonencode({
      source        = ["aws.glue"]
      "detail-type" = ["Glue Data Catalog Table State Change"]
      detail = merge(
        { typeOfChange = ["UpdateTable"] },
        jsondecode(length(databases) == 1
          ? jsonencode({ for database, tables in databases : "databaseName" => [database] })
          : jsonencode({})
        ),
        jsondecode(length(databases) == 1
          ? jsonencode({ for database, tables in databases : "tableName" => tables })
          : jsonencode({ "$or" = [for database, tables in databases : { databaseName = [database], tableName = tables }] })
        ),
      )
    })
  }

  refresh_rules = var.domain == null ? {} : {
    for product, derived in var.derived_products : product => {
      schedule_rule         = "${local.refresh_rule_stems[product]}${local.refresh_rule_suffixes.schedule}"
      inputs_rule           = "${local.refresh_rule_stems[product]}${local.refresh_rule_suffixes.inputs}"
      schedule_expression   = derived.schedule_expression
      inputs_event_pattern  = local.refresh_input_event_patterns[product]
      path_parameter_values = [var.domain, product]
    }
  }

  derived_products_reading_themselves = var.domain == null ? [] : [
    for product, derived in var.derived_products : product if contains(derived.inputs, "${var.domain}.${product}")
  ]
}
