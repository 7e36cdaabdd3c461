# The example mesh's grants on sales.orders and customers.profiles, as LakeFormationPlan
# .toTerraformVariables() writes them, turned into the maps the grants module iterates.

variables {
  account_id = "123456789012"
  domain     = "customers"
  catalog_id = "123456789012"

  lakeformation_permissions = {
    "customers.profiles.group:sales-analysts" = {
      principal                     = "arn:aws:iam::123456789012:role/tributary-group-sales-analysts"
      database                      = "customers"
      table                         = "profiles"
      wildcard                      = true
      columns                       = []
      excluded_columns              = ["phone", "email", "full_name"]
      data_cells_filter             = null
      permissions                   = ["SELECT"]
      permissions_with_grant_option = []
    }
    "customers.profiles.group:marketing-owners" = {
      principal                     = "arn:aws:iam::123456789012:role/tributary-group-marketing-owners"
      database                      = "customers"
      table                         = "profiles"
      wildcard                      = false
      columns                       = ["loyalty_tier", "customer_id", "country", "signup_date"]
      excluded_columns              = []
      data_cells_filter             = null
      permissions                   = ["SELECT"]
      permissions_with_grant_option = []
    }
    "customers.profiles.group:customers-analysts" = {
      principal                     = "arn:aws:iam::123456789012:role/tributary-group-customers-analysts"
      database                      = "customers"
      table                         = "profiles"
      wildcard                      = false
      columns                       = []
      excluded_columns              = []
      data_cells_filter             = "tributary_3f1c9a0e7b2d4c58a6e0f1b2"
      permissions                   = ["SELECT"]
      permissions_with_grant_option = []
    }
  }

  data_cells_filters = {
    "customers.profiles.tributary_3f1c9a0e7b2d4c58a6e0f1b2" = {
      database         = "customers"
      table            = "profiles"
      name             = "tributary_3f1c9a0e7b2d4c58a6e0f1b2"
      row_filter       = "\"country\" IN ('DE', 'FR')"
      wildcard         = true
      columns          = []
      excluded_columns = ["phone"]
    }
  }

  lf_tags = {
    classification = ["pii"]
    domain         = ["customers"]
    zone           = ["raw", "curated", "analytics"]
  }

  lf_tag_assignments = {
    "customers.profiles" = {
      database = "customers"
      table    = "profiles"
      columns  = []
      tags     = { domain = "customers", zone = "curated" }
    }
    "customers.profiles.columns.classification=pii" = {
      database = "customers"
      table    = "profiles"
      columns  = ["phone", "email", "full_name"]
      tags     = { classification = "pii" }
    }
  }
}

run "permissions_split_into_table_columns_and_data_cells_filters" {
  command = plan

  assert {
    condition     = toset(keys(output.table_column_permissions)) == toset(["customers.profiles.group:sales-analysts", "customers.profiles.group:marketing-owners"])
    error_message = "Only permissions without a data cells filter are table-column permissions."
  }

  assert {
    condition     = keys(output.data_cells_filter_permissions) == ["customers.profiles.group:customers-analysts"]
    error_message = "Only permissions with a data cells filter are filter permissions."
  }

  assert {
    condition     = output.data_cells_filter_permissions["customers.profiles.group:customers-analysts"].filter_key == "customers.profiles.tributary_3f1c9a0e7b2d4c58a6e0f1b2"
    error_message = "A filter permission must point at its filter's key, database.table.name."
  }
}

run "a_wildcard_grant_keeps_its_exclusions_and_names_no_columns" {
  command = plan

  assert {
    condition = jsonencode(output.table_column_permissions["customers.profiles.group:sales-analysts"]) == jsonencode({
      principal                     = "arn:aws:iam::123456789012:role/tributary-group-sales-analysts"
      catalog_id                    = "123456789012"
      database                      = "customers"
      table                         = "profiles"
      wildcard                      = true
      column_names                  = null
      excluded_column_names         = ["email", "full_name", "phone"]
      permissions                   = ["SELECT"]
      permissions_with_grant_option = []
    })
    error_message = "A wildcard grant must carry its sorted exclusions and no column names."
  }
}

run "an_include_list_grant_names_its_columns_and_no_exclusions" {
  command = plan

  assert {
    condition     = output.table_column_permissions["customers.profiles.group:marketing-owners"].column_names == tolist(["country", "customer_id", "loyalty_tier", "signup_date"])
    error_message = "An include-list grant must name its columns, sorted."
  }

  assert {
    condition     = output.table_column_permissions["customers.profiles.group:marketing-owners"].excluded_column_names == null && !output.table_column_permissions["customers.profiles.group:marketing-owners"].wildcard
    error_message = "An include-list grant has no wildcard and no exclusions."
  }
}

run "filters_carry_their_row_filter_and_column_wildcard" {
  command = plan

  assert {
    condition = jsonencode(output.data_cells_filters["customers.profiles.tributary_3f1c9a0e7b2d4c58a6e0f1b2"]) == jsonencode({
      catalog_id            = "123456789012"
      database              = "customers"
      table                 = "profiles"
      name                  = "tributary_3f1c9a0e7b2d4c58a6e0f1b2"
      all_rows              = false
      row_filter            = "\"country\" IN ('DE', 'FR')"
      column_wildcard       = true
      column_names          = null
      excluded_column_names = ["phone"]
    })
    error_message = "The filter must keep its row filter and its column wildcard with exclusions."
  }
}

run "tag_assignments_split_into_tables_and_columns" {
  command = plan

  assert {
    condition     = keys(output.table_tag_assignments) == ["customers.profiles"] && output.table_tag_assignments["customers.profiles"].tags == tomap({ domain = "customers", zone = "curated" })
    error_message = "The table's own tags must be a table-level assignment."
  }

  assert {
    condition     = output.column_tag_assignments["customers.profiles.columns.classification=pii"].columns == tolist(["email", "full_name", "phone"])
    error_message = "Column tags must name their columns, sorted."
  }

  assert {
    condition     = output.tag_keys == tolist(["classification", "domain", "zone"]) && output.lf_tags.zone == tolist(["analytics", "curated", "raw"])
    error_message = "Tag keys and values must come out sorted."
  }
}

run "a_filter_without_a_row_filter_covers_all_rows" {
  command = plan

  variables {
    lakeformation_permissions = {}
    data_cells_filters = {
      "customers.profiles.tributary_000000000000000000000000" = {
        database         = "customers"
        table            = "profiles"
        name             = "tributary_000000000000000000000000"
        row_filter       = ""
        wildcard         = false
        columns          = ["customer_id"]
        excluded_columns = []
      }
    }
  }

  assert {
    condition     = output.data_cells_filters["customers.profiles.tributary_000000000000000000000000"].all_rows && output.data_cells_filters["customers.profiles.tributary_000000000000000000000000"].row_filter == null
    error_message = "An empty row filter must become the all-rows wildcard."
  }
}

run "no_grants_give_empty_maps" {
  command = plan

  variables {
    lakeformation_permissions = {}
    data_cells_filters        = {}
    lf_tags                   = {}
    lf_tag_assignments        = {}
  }

  assert {
    condition     = length(output.table_column_permissions) == 0 && length(output.data_cells_filter_permissions) == 0 && length(output.data_cells_filters) == 0 && length(output.table_tag_assignments) == 0 && length(output.column_tag_assignments) == 0
    error_message = "A domain without grants gets no Lake Formation resources."
  }
}
