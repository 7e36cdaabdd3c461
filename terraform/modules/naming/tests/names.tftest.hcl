# The names the Java side depends on: a change here must fail these runs before it reaches AWS.

variables {
  account_id = "123456789012"
}

run "platform_names_come_from_the_prefix_account_and_region" {
  command = plan

  variables {
    region           = "eu-west-1"
    principal_groups = ["sales-analysts", "marketing-owners"]
    principal_users  = ["ana"]
  }

  assert {
    condition     = output.platform.dynamodb_table == "tributary"
    error_message = "The DynamoDB table must be named like tributary.store.table's default, tributary."
  }

  assert {
    condition     = output.platform.data_bucket == "tributary-data-123456789012-eu-west-1"
    error_message = "Unexpected data bucket name: ${output.platform.data_bucket}."
  }

  assert {
    condition     = output.platform.athena_results_bucket == "tributary-athena-results-123456789012-eu-west-1"
    error_message = "Unexpected Athena results bucket name: ${output.platform.athena_results_bucket}."
  }

  assert {
    condition     = output.platform.platform_role_arn == "arn:aws:iam::123456789012:role/tributary-platform"
    error_message = "Unexpected platform role ARN: ${output.platform.platform_role_arn}."
  }

  assert {
    condition = output.principal_role_arns == {
      "group:sales-analysts"   = "arn:aws:iam::123456789012:role/tributary-group-sales-analysts"
      "group:marketing-owners" = "arn:aws:iam::123456789012:role/tributary-group-marketing-owners"
      "user:ana"               = "arn:aws:iam::123456789012:role/tributary-user-ana"
    }
    error_message = "Principal role ARNs must follow arn:aws:iam::{account}:role/tributary-{kind}-{name}."
  }

  assert {
    condition     = output.domain == null && output.cost_allocation_tag == {}
    error_message = "Without a domain there are no domain names."
  }
}

run "a_domain_has_its_workgroup_database_roles_prefix_and_tag" {
  command = plan

  variables {
    region = "eu-west-1"
    domain = "sales"
  }

  assert {
    condition     = output.domain.athena_workgroup == "tributary-sales"
    error_message = "The Athena workgroup must be <prefix>-<domain>, not ${output.domain.athena_workgroup}."
  }

  assert {
    condition     = output.domain.glue_database == "sales"
    error_message = "The Glue database must be the domain's name."
  }

  assert {
    condition     = output.domain.data_prefix == "s3://tributary-data-123456789012-eu-west-1/sales/"
    error_message = "The data prefix must be s3://<data_bucket>/<domain>/, not ${output.domain.data_prefix}."
  }

  assert {
    condition     = output.domain.producer_role == "tributary-sales-producer" && output.domain.consumer_role == "tributary-sales-consumer"
    error_message = "The domain roles must be <prefix>-<domain>-producer and <prefix>-<domain>-consumer."
  }

  assert {
    condition     = output.domain.producer_role_arn == "arn:aws:iam::123456789012:role/tributary-sales-producer"
    error_message = "Unexpected producer role ARN: ${output.domain.producer_role_arn}."
  }

  assert {
    condition     = output.cost_allocation_tag == tomap({ "tributary:domain" = "sales" })
    error_message = "The cost-allocation tag must be tributary:domain = <domain>."
  }

  assert {
    condition     = output.domain.budget_tag_filter_value == "user:tributary:domain$sales"
    error_message = "The budget's TagKeyValue filter must be user:tributary:domain$<domain>, not ${output.domain.budget_tag_filter_value}."
  }

  assert {
    condition     = output.domain.athena_results_prefix == "s3://tributary-athena-results-123456789012-eu-west-1/sales/"
    error_message = "Unexpected Athena results prefix: ${output.domain.athena_results_prefix}."
  }
}

run "given_buckets_and_prefix_win_over_computed_names" {
  command = plan

  variables {
    name_prefix           = "acme-mesh"
    domain                = "customers"
    data_bucket           = "acme-lake"
    athena_results_bucket = "acme-athena"
    partition             = "aws-cn"
  }

  assert {
    condition     = output.domain.data_prefix == "s3://acme-lake/customers/" && output.platform.athena_results_bucket == "acme-athena"
    error_message = "Given bucket names must be used as they are."
  }

  assert {
    condition     = output.domain.athena_workgroup == "acme-mesh-customers" && output.platform.dynamodb_table == "acme-mesh"
    error_message = "Names must start with the given prefix."
  }

  assert {
    condition     = output.domain.consumer_role_arn == "arn:aws-cn:iam::123456789012:role/acme-mesh-customers-consumer"
    error_message = "Role ARNs must use the given partition."
  }
}

run "characters_iam_refuses_become_dashes_as_in_principal_roles" {
  command = plan

  variables {
    principal_groups = ["data engineers", "finance/emea"]
    principal_users  = ["ana.lopez@example.com"]
  }

  assert {
    condition = output.principal_role_names == {
      "group:data engineers"       = "tributary-group-data-engineers"
      "group:finance/emea"         = "tributary-group-finance-emea"
      "user:ana.lopez@example.com" = "tributary-user-ana.lopez@example.com"
    }
    error_message = "Role names must replace characters outside [A-Za-z0-9+=,.@_-] with '-', as PrincipalRoles does."
  }
}
