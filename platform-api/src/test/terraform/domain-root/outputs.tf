output "domain" {
  description = "The domain this workspace provisions."
  value       = terraform_data.domain.output.name
}

output "products" {
  description = "The products this workspace provisions."
  value       = sort(keys(terraform_data.product))
}
