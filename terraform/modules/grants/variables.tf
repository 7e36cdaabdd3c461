variable "catalog_id" {
  description = "The Data Catalog id (the AWS account id) of the tables."
  type        = string
}

variable "table_column_permissions" {
  description = "Permissions on a table's columns keyed by grant id: the naming module's table_column_permissions output."
  type = map(object({
    principal                     = string
    catalog_id                    = string
    database                      = string
    table                         = string
    wildcard                      = bool
    column_names                  = list(string)
    excluded_column_names         = list(string)
    permissions                   = list(string)
    permissions_with_grant_option = list(string)
  }))
  default = {}
}

variable "data_cells_filter_permissions" {
  description = "Permissions on data cells filters keyed by grant id: the naming module's data_cells_filter_permissions output."
  type = map(object({
    principal                     = string
    catalog_id                    = string
    database                      = string
    table                         = string
    data_cells_filter             = string
    filter_key                    = string
    permissions                   = list(string)
    permissions_with_grant_option = list(string)
  }))
  default = {}
}

variable "data_cells_filters" {
  description = "Data cells filters keyed by database.table.name: the naming module's data_cells_filters output."
  type = map(object({
    catalog_id            = string
    database              = string
    table                 = string
    name                  = string
    all_rows              = bool
    row_filter            = string
    column_wildcard       = bool
    column_names          = list(string)
    excluded_column_names = list(string)
  }))
  default = {}
}

variable "table_tag_assignments" {
  description = "LF-Tags on whole tables keyed by assignment key: the naming module's table_tag_assignments output."
  type = map(object({
    catalog_id = string
    database   = string
    table      = string
    tags       = map(string)
  }))
  default = {}
}

variable "column_tag_assignments" {
  description = "LF-Tags on columns keyed by assignment key: the naming module's column_tag_assignments output."
  type = map(object({
    catalog_id = string
    database   = string
    table      = string
    columns    = list(string)
    tags       = map(string)
  }))
  default = {}
}
