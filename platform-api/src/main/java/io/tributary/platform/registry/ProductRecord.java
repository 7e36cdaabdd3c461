package io.tributary.platform.registry;

import io.tributary.platform.declaration.SemanticVersion;
import java.time.Instant;

/**
 * A product's current state: the pointer to its current version, with a copy of that version's
 * declaration so listings need no second read.
 *
 * @param domain the owning domain
 * @param product the product name
 * @param currentVersion the version consumers are served
 * @param status {@link ProductStatus#ACTIVE} or {@link ProductStatus#RETIRED}
 * @param document the current version's declaration, a JSON document
 * @param revision rises by one with every change to the product, starting at 1; the REST layer's
 *     ETag
 * @param createdAt when the product was first declared
 * @param createdBy who first declared it
 * @param updatedAt when it last changed
 * @param updatedBy who last changed it
 */
public record ProductRecord(
    String domain,
    String product,
    SemanticVersion currentVersion,
    ProductStatus status,
    String document,
    long revision,
    Instant createdAt,
    String createdBy,
    Instant updatedAt,
    String updatedBy) {}
