package io.tributary.platform.registry;

import io.tributary.platform.declaration.SemanticVersion;
import java.time.Instant;

/**
 * One stored version of a product declaration. Versions are kept forever; only their status
 * changes.
 *
 * @param domain the owning domain
 * @param product the product name
 * @param version the semantic version
 * @param status {@link ProductStatus#ACTIVE} for the current version, {@link
 *     ProductStatus#SUPERSEDED} for earlier ones, {@link ProductStatus#RETIRED} when the product
 *     was retired at this version
 * @param document the declaration as submitted, a JSON document
 * @param createdAt when this version was declared
 * @param createdBy who declared it
 */
public record ProductVersionRecord(
    String domain,
    String product,
    SemanticVersion version,
    ProductStatus status,
    String document,
    Instant createdAt,
    String createdBy) {}
