/**
 * The {@code glue} catalog adapter: Iceberg's {@code GlueCatalog} on the AWS Glue Data Catalog,
 * which Athena and Lake Formation see. Framework-free apart from iceberg-aws and the AWS SDK.
 */
package io.tributary.platform.catalog.glue;
