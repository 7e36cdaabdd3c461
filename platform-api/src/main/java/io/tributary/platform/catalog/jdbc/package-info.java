/**
 * The {@code jdbc} catalog adapter: Iceberg's JDBC catalog (H2 locally, PostgreSQL on Kubernetes),
 * the catalog Trino's Iceberg connector reads in those topologies.
 */
package io.tributary.platform.catalog.jdbc;
