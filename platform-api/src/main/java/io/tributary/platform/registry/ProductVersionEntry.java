package io.tributary.platform.registry;

import io.tributary.platform.declaration.SemanticVersion;
import java.util.Objects;

/**
 * One version of a product declaration as submitted: what {@link PlatformStore#putProductVersion}
 * stores.
 *
 * @param domain the owning domain
 * @param product the product name, unique within the domain
 * @param version the declaration's semantic version; each version is stored once, never replaced
 * @param document the whole declaration as a JSON document, kept verbatim
 */
public record ProductVersionEntry(
    String domain, String product, SemanticVersion version, String document) {
  public ProductVersionEntry {
    Names.requireDomain(domain);
    Names.requireProduct(product);
    Objects.requireNonNull(version, "version");
    Names.requireText(document, "document");
  }
}
