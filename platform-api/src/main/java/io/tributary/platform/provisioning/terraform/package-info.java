/**
 * The Terraform provisioner: renders the domain root's variables from the registry, runs terraform
 * in the workspace named after the domain, then creates or evolves the tables through the Iceberg
 * catalog. Depends on the {@code provisioning} port, the registry, the policies module's Lake
 * Formation compiler, {@code aws.PrincipalRoles} and Iceberg; no Quarkus.
 */
package io.tributary.platform.provisioning.terraform;
