package io.tributary.policies.grant;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A data product's full name: its domain (the Iceberg namespace and Trino schema) and its name (the
 * table).
 */
public record ProductName(String domain, String product) implements Comparable<ProductName> {
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{1,62}");

  public ProductName {
    requireName("domain", domain);
    requireName("product", product);
  }

  public static ProductName of(String domain, String product) {
    return new ProductName(domain, product);
  }

  /**
   * Reads {@code domain.product}.
   *
   * @throws IllegalArgumentException naming the text
   */
  public static ProductName parse(String text) {
    Objects.requireNonNull(text, "text");
    int dot = text.indexOf('.');
    if (dot < 0) {
      throw new IllegalArgumentException(
          "'%s' is not a product name: expected domain.product".formatted(text));
    }
    return new ProductName(text.substring(0, dot), text.substring(dot + 1));
  }

  private static void requireName(String what, String name) {
    Objects.requireNonNull(name, what);
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "'%s' is not a valid %s name: expected [a-z][a-z0-9_]{1,62}".formatted(name, what));
    }
  }

  @Override
  public int compareTo(ProductName other) {
    int byDomain = domain.compareTo(other.domain);
    return byDomain != 0 ? byDomain : product.compareTo(other.product);
  }

  @Override
  public String toString() {
    return domain + "." + product;
  }
}
