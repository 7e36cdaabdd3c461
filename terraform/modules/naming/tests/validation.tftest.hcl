# Bad input fails with an error naming what is wrong; each run expects exactly the check it breaks.

variables {
  account_id = "123456789012"
  domain     = "sales"

  data_cells_filters = {
    "sales.orders.tributary_5e0b7c1d2a3f4e6b8c9d0a1b" = {
      database         = "sales"
      table            = "orders"
      name             = "tributary_5e0b7c1d2a3f4e6b8c9d0a1b"
      row_filter       = "\"status\" <> 'cancelled'"
      wildcard         = true
      columns          = []
      excluded_columns = ["lines"]
    }
  }

  lf_tags = {
    domain = ["sales"]
    zone   = ["curated"]
  }
}

run "a_valid_domain_plans" {
  command = plan

  variables {
    lakeformation_permissions = {
      "sales.orders.group:marketing-owners" = {
        principal                     = "arn:aws:iam::123456789012:role/tributary-group-marketing-owners"
        database                      = "sales"
        table                         = "orders"
        wildcard                      = false
        columns                       = []
        excluded_columns              = []
        data_cells_filter             = "tributary_5e0b7c1d2a3f4e6b8c9d0a1b"
        permissions                   = ["SELECT"]
        permissions_with_grant_option = []
      }
    }
  }

  assert {
    condition     = length(output.data_cells_filter_permissions) == 1
    error_message = "The filter permission must plan."
  }
}

run "a_domain_name_with_capitals_is_refused" {
  command = plan

  variables {
    domain = "Sales"
  }

  expect_failures = [var.domain]
}

run "a_domain_name_with_dashes_is_refused" {
  command = plan

  variables {
    domain = "web-shop"
  }

  expect_failures = [var.domain]
}

run "an_account_id_that_is_not_twelve_digits_is_refused" {
  command = plan

  variables {
    account_id = "12345"
  }

  expect_failures = [var.account_id]
}

run "a_long_prefix_is_refused" {
  command = plan

  variables {
    name_prefix = "a-very-long-platform-prefix"
  }

  expect_failures = [var.name_prefix]
}

run "a_permission_on_an_undeclared_filter_is_refused" {
  command = plan

  variables {
    lakeformation_permissions = {
      "sales.orders.group:marketing-owners" = {
        principal                     = "arn:aws:iam::123456789012:role/tributary-group-marketing-owners"
        database                      = "sales"
        table                         = "orders"
        wildcard                      = false
        columns                       = []
        excluded_columns              = []
        data_cells_filter             = "tributary_ffffffffffffffffffffffff"
        permissions                   = ["SELECT"]
        permissions_with_grant_option = []
      }
    }
  }

  expect_failures = [output.data_cells_filter_permissions]
}

run "a_permission_on_another_domains_database_is_refused" {
  command = plan

  variables {
    lakeformation_permissions = {
      "customers.profiles.group:sales-analysts" = {
        principal                     = "arn:aws:iam::123456789012:role/tributary-group-sales-analysts"
        database                      = "customers"
        table                         = "profiles"
        wildcard                      = true
        columns                       = []
        excluded_columns              = []
        data_cells_filter             = null
        permissions                   = ["SELECT"]
        permissions_with_grant_option = []
      }
    }
  }

  expect_failures = [output.domain]
}

run "a_principal_that_is_not_an_arn_is_refused" {
  command = plan

  variables {
    lakeformation_permissions = {
      "sales.orders.group:finance" = {
        principal                     = "group:finance"
        database                      = "sales"
        table                         = "orders"
        wildcard                      = true
        columns                       = []
        excluded_columns              = []
        data_cells_filter             = null
        permissions                   = ["SELECT"]
        permissions_with_grant_option = []
      }
    }
  }

  expect_failures = [var.lakeformation_permissions]
}

run "a_permission_with_neither_columns_nor_wildcard_is_refused" {
  command = plan

  variables {
    lakeformation_permissions = {
      "sales.orders.group:finance" = {
        principal                     = "arn:aws:iam::123456789012:role/tributary-group-finance"
        database                      = "sales"
        table                         = "orders"
        wildcard                      = false
        columns                       = []
        excluded_columns              = []
        data_cells_filter             = null
        permissions                   = ["SELECT"]
        permissions_with_grant_option = []
      }
    }
  }

  expect_failures = [var.lakeformation_permissions]
}

run "an_unknown_permission_is_refused" {
  command = plan

  variables {
    lakeformation_permissions = {
      "sales.orders.group:finance" = {
        principal                     = "arn:aws:iam::123456789012:role/tributary-group-finance"
        database                      = "sales"
        table                         = "orders"
        wildcard                      = true
        columns                       = []
        excluded_columns              = []
        data_cells_filter             = null
        permissions                   = ["READ"]
        permissions_with_grant_option = []
      }
    }
  }

  expect_failures = [var.lakeformation_permissions]
}

run "a_filter_keyed_by_another_name_is_refused" {
  command = plan

  variables {
    data_cells_filters = {
      "sales.orders.some_other_name" = {
        database         = "sales"
        table            = "orders"
        name             = "tributary_5e0b7c1d2a3f4e6b8c9d0a1b"
        row_filter       = "\"status\" <> 'cancelled'"
        wildcard         = true
        columns          = []
        excluded_columns = []
      }
    }
  }

  expect_failures = [var.data_cells_filters]
}

run "a_tag_assignment_with_an_undeclared_value_is_refused" {
  command = plan

  variables {
    lf_tag_assignments = {
      "sales.orders" = {
        database = "sales"
        table    = "orders"
        columns  = []
        tags     = { domain = "sales", zone = "gold" }
      }
    }
  }

  expect_failures = [output.table_tag_assignments]
}

run "a_principal_role_name_over_sixty_four_characters_is_refused" {
  command = plan

  variables {
    principal_groups = ["a-group-name-long-enough-to-push-the-role-name-past-iam-limit"]
  }

  expect_failures = [output.principal_role_names]
}
