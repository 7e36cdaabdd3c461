# The policies compiler's Lake Formation output as resources: data cells filters first, then the
# permissions on them and on table columns, and the LF-Tags attached to tables and columns. The
# maps come from the naming module, which splits and checks them without a provider.

resource "aws_lakeformation_data_cells_filter" "this" {
  for_each = var.data_cells_filters

  table_data {
    table_catalog_id = each.value.catalog_id
    database_name    = each.value.database
    table_name       = each.value.table
    name             = each.value.name
    column_names     = each.value.column_names

    dynamic "column_wildcard" {
      for_each = each.value.column_wildcard ? [each.value.excluded_column_names] : []

      content {
        excluded_column_names = column_wildcard.value
      }
    }

    row_filter {
      filter_expression = each.value.row_filter

      dynamic "all_rows_wildcard" {
        for_each = each.value.all_rows ? [true] : []

        content {}
      }
    }
  }
}

resource "aws_lakeformation_permissions" "table_columns" {
  for_each = var.table_column_permissions

  catalog_id                    = var.catalog_id
  principal                     = each.value.principal
  permissions                   = each.value.permissions
  permissions_with_grant_option = each.value.permissions_with_grant_option

  table_with_columns {
    catalog_id            = each.value.catalog_id
    database_name         = each.value.database
    name                  = each.value.table
    wildcard              = each.value.wildcard
    column_names          = each.value.column_names
    excluded_column_names = each.value.excluded_column_names
  }
}

resource "aws_lakeformation_permissions" "data_cells_filter" {
  for_each = var.data_cells_filter_permissions

  catalog_id                    = var.catalog_id
  principal                     = each.value.principal
  permissions                   = each.value.permissions
  permissions_with_grant_option = each.value.permissions_with_grant_option

  data_cells_filter {
    table_catalog_id = each.value.catalog_id
    database_name    = each.value.database
    table_name       = each.value.table
    name             = each.value.data_cells_filter
  }

  depends_on = [aws_lakeformation_data_cells_filter.this]
}

resource "aws_lakeformation_resource_lf_tags" "table" {
  for_each = var.table_tag_assignments

  catalog_id = var.catalog_id

  table {
    catalog_id    = each.value.catalog_id
    database_name = each.value.database
    name          = each.value.table
  }

  dynamic "lf_tag" {
    for_each = each.value.tags

    content {
      key   = lf_tag.key
      value = lf_tag.value
    }
  }
}

resource "aws_lakeformation_resource_lf_tags" "columns" {
  for_each = var.column_tag_assignments

  catalog_id = var.catalog_id

  table_with_columns {
    catalog_id    = each.value.catalog_id
    database_name = each.value.database
    name          = each.value.table
    column_names  = each.value.columns
  }

  dynamic "lf_tag" {
    for_each = each.value.tags

    content {
      key   = lf_tag.key
      value = lf_tag.value
    }
  }
}
