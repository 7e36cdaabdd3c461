package io.tributary.platform.quality;

import java.util.Objects;

/**
 * Fired (as a CDI event) when a product's table got a new snapshot, so its quality is evaluated
 * again. Ingestion fires it; a refresh of a derived product fires it with {@link Trigger#REFRESH}.
 */
public record ProductChanged(String domain, String product, Trigger trigger) {
  public ProductChanged {
    Objects.requireNonNull(domain, "domain");
    Objects.requireNonNull(product, "product");
    Objects.requireNonNull(trigger, "trigger");
  }
}
