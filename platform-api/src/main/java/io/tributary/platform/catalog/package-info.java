/**
 * The table catalog port: Iceberg's own {@link org.apache.iceberg.catalog.Catalog} (with {@link
 * org.apache.iceberg.catalog.SupportsNamespaces}), which the planner and applier drive. One adapter
 * per package, chosen by {@code tributary.catalog.type}: {@code jdbc} (local and Kubernetes) and
 * {@code glue} (AWS). Both keep table data in S3 through {@link S3Settings}. Framework-free.
 */
package io.tributary.platform.catalog;
