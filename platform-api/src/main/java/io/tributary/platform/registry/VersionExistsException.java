package io.tributary.platform.registry;

import io.tributary.platform.declaration.SemanticVersion;

/**
 * A product version was declared again: versions are immutable, a change needs a new version.
 * Rendered as 409.
 */
public final class VersionExistsException extends RegistryException {
  public VersionExistsException(String domain, String product, SemanticVersion version) {
    super(
        "registry.version_exists",
        409,
        domain + "." + product + " already has version " + version + "; declare a new version",
        null);
  }
}
