package io.tributary.platform.registry;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Checks the names that become part of a storage key. Domain and product names follow the design's
 * {@code [a-z][a-z0-9_]{1,62}}, which also guarantees they never contain the separators the
 * adapters put between key parts.
 */
public final class Names {
  private static final Pattern DOMAIN_OR_PRODUCT = Pattern.compile("[a-z][a-z0-9_]{1,62}");

  private Names() {}

  /** Returns the name when it is a valid domain name, otherwise throws. */
  public static String requireDomain(String domain) {
    return require(domain, "domain");
  }

  /** Returns the name when it is a valid product name, otherwise throws. */
  public static String requireProduct(String product) {
    return require(product, "product");
  }

  /** Returns the text when it is present and not blank, otherwise throws. */
  public static String requireText(String text, String what) {
    Objects.requireNonNull(text, what);
    if (text.isBlank()) {
      throw new IllegalArgumentException(what + " must not be blank");
    }
    return text;
  }

  private static String require(String name, String what) {
    Objects.requireNonNull(name, what);
    if (!DOMAIN_OR_PRODUCT.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "invalid " + what + " name '" + name + "': expected [a-z][a-z0-9_]{1,62}");
    }
    return name;
  }
}
