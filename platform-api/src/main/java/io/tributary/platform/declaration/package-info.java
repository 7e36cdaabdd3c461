/**
 * The declaration model of the platform: {@link io.tributary.platform.declaration.Domain} and
 * {@link io.tributary.platform.declaration.DataProduct} as immutable records, the strict {@link
 * io.tributary.platform.declaration.DeclarationParser} that reports every problem with its JSON
 * pointer, the {@link io.tributary.platform.declaration.IcebergMapping} to Iceberg schemas,
 * partition specs and sort orders, and the {@link io.tributary.platform.declaration.Compatibility}
 * rules between two versions of a product.
 *
 * <p>Framework-free on purpose: only Jackson (to read YAML and JSON) and Iceberg's API, so the REST
 * layer, the provisioner and the command line all share one meaning of a declaration.
 */
package io.tributary.platform.declaration;
