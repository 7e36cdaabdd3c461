/**
 * Ingestion: a batch of records posted by a product's producers, read as a stream, validated
 * against the product's contract and written to its Iceberg table in one commit, upserting by the
 * primary key. Framework-free: Jackson and the Iceberg API only; the REST edge is {@code
 * api.RecordsResource}.
 */
package io.tributary.platform.ingestion;
