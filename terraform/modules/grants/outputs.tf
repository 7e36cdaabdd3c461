output "data_cells_filter_ids" {
  description = "The data cells filters created, keyed by database.table.name."
  value       = { for key, filter in aws_lakeformation_data_cells_filter.this : key => filter.id }
}

output "permission_ids" {
  description = "Every grant id this module holds a Lake Formation permission for, sorted."
  value       = sort(concat(keys(aws_lakeformation_permissions.table_columns), keys(aws_lakeformation_permissions.data_cells_filter)))
}

output "tag_assignment_keys" {
  description = "Every LF-Tag assignment key this module attached, sorted."
  value       = sort(concat(keys(aws_lakeformation_resource_lf_tags.table), keys(aws_lakeformation_resource_lf_tags.columns)))
}
