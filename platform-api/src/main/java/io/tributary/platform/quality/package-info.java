/**
 * Quality and freshness: each declared check compiled to one portable SQL query returning a single
 * number, the outcomes weighed into a product status ({@code ok}, {@code warn}, {@code failing})
 * with reasons, and freshness measured against {@code sla.freshness}. Framework-free: the engine is
 * reached through {@link io.tributary.platform.quality.QualityEngine}, whose Trino adapter lives in
 * {@code quality.trino}; the Quarkus service, triggers and schedule are in {@code service}.
 */
package io.tributary.platform.quality;
