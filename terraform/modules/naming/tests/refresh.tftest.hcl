# The EventBridge rules that refresh SQL-derived products: their names, schedules and the Glue
# event patterns of their inputs.

variables {
  account_id = "123456789012"
  domain     = "analytics"
}

run "a_derived_product_gets_a_schedule_rule_and_an_inputs_rule" {
  command = plan

  variables {
    derived_products = {
      product_revenue = {
        schedule_expression = "rate(1 hour)"
        inputs              = ["sales.orders", "sales.products"]
      }
    }
  }

  assert {
    condition     = output.refresh_rules.product_revenue.schedule_rule == "tributary-analytics-product_revenue-schedule"
    error_message = "Unexpected schedule rule name: ${output.refresh_rules.product_revenue.schedule_rule}."
  }

  assert {
    condition     = output.refresh_rules.product_revenue.inputs_rule == "tributary-analytics-product_revenue-inputs"
    error_message = "Unexpected inputs rule name: ${output.refresh_rules.product_revenue.inputs_rule}."
  }

  assert {
    condition     = output.refresh_rules.product_revenue.schedule_expression == "rate(1 hour)"
    error_message = "The schedule expression must pass through unchanged."
  }

  assert {
    condition     = output.refresh_rules.product_revenue.path_parameter_values == ["analytics", "product_revenue"]
    error_message = "The path parameters must be the domain and the product, in the API destination's order."
  }

  assert {
    condition = jsondecode(output.refresh_rules.product_revenue.inputs_event_pattern) == {
      source        = ["aws.glue"]
      "detail-type" = ["Glue Data Catalog Table State Change"]
      detail = {
        typeOfChange = ["UpdateTable"]
        databaseName = ["sales"]
        tableName    = ["orders", "products"]
      }
    }
    error_message = "Inputs in one database match by databaseName and tableName: ${output.refresh_rules.product_revenue.inputs_event_pattern}."
  }
}

run "inputs_in_several_databases_match_as_database_and_table_pairs" {
  command = plan

  variables {
    derived_products = {
      sessions = {
        schedule_expression = "rate(15 minutes)"
        inputs              = ["marketing.web_events", "sales.orders", "marketing.campaigns", "analytics.calendar"]
      }
    }
  }

  assert {
    condition = jsondecode(output.refresh_rules.sessions.inputs_event_pattern).detail == {
      typeOfChange = ["UpdateTable"]
      "$or" = [
        { databaseName = ["analytics"], tableName = ["calendar"] },
        { databaseName = ["marketing"], tableName = ["campaigns", "web_events"] },
        { databaseName = ["sales"], tableName = ["orders"] },
      ]
    }
    error_message = "Inputs in several databases must match as (database, tables) pairs: ${output.refresh_rules.sessions.inputs_event_pattern}."
  }
}

run "long_rule_names_are_cut_to_64_characters_and_stay_apart" {
  command = plan

  variables {
    domain = "a_domain_with_a_rather_long_name"
    derived_products = {
      a_product_with_an_equally_long_name_one = { schedule_expression = "cron(0 6 * * ? *)", inputs = ["sales.orders"] }
      a_product_with_an_equally_long_name_two = { schedule_expression = "rate(2 days)", inputs = ["sales.orders"] }
    }
  }

  assert {
    condition = alltrue(flatten([
      for rules in output.refresh_rules : [length(rules.schedule_rule) <= 64, length(rules.inputs_rule) <= 64]
    ]))
    error_message = "EventBridge rule names are at most 64 characters."
  }

  assert {
    condition     = length(distinct([for rules in output.refresh_rules : rules.schedule_rule])) == 2
    error_message = "Two products whose names share a long prefix must get different rules."
  }

  assert {
    condition     = endswith(output.refresh_rules.a_product_with_an_equally_long_name_one.schedule_rule, "-schedule") && endswith(output.refresh_rules.a_product_with_an_equally_long_name_one.inputs_rule, "-inputs")
    error_message = "A cut name keeps its -schedule or -inputs suffix."
  }
}

run "no_domain_no_rules" {
  command = plan

  variables {
    domain = null
    derived_products = {
      revenue = { schedule_expression = "rate(1 day)", inputs = ["sales.orders"] }
    }
  }

  assert {
    condition     = length(output.refresh_rules) == 0
    error_message = "Without a domain there are no refresh rules."
  }
}

run "a_plural_rate_of_one_is_refused" {
  command = plan

  variables {
    derived_products = {
      revenue = { schedule_expression = "rate(1 hours)", inputs = ["sales.orders"] }
    }
  }

  expect_failures = [var.derived_products]
}

run "a_rate_under_a_minute_is_refused" {
  command = plan

  variables {
    derived_products = {
      revenue = { schedule_expression = "rate(30 seconds)", inputs = ["sales.orders"] }
    }
  }

  expect_failures = [var.derived_products]
}

run "a_derived_product_without_inputs_is_refused" {
  command = plan

  variables {
    derived_products = {
      revenue = { schedule_expression = "rate(1 hour)", inputs = [] }
    }
  }

  expect_failures = [var.derived_products]
}

run "an_input_that_is_not_domain_dot_product_is_refused" {
  command = plan

  variables {
    derived_products = {
      revenue = { schedule_expression = "rate(1 hour)", inputs = ["orders"] }
    }
  }

  expect_failures = [var.derived_products]
}

run "a_derived_product_reading_itself_is_refused" {
  command = plan

  variables {
    derived_products = {
      revenue = { schedule_expression = "rate(1 hour)", inputs = ["analytics.revenue"] }
    }
  }

  expect_failures = [output.refresh_rules]
}
