package io.tributary.platform.declaration;

/** A product named {@code <domain>.<product>}, as everywhere on the platform. */
public record ProductReference(String domain, String product) {

  public ProductReference {
    if (!Names.isDomainOrProductName(domain) || !Names.isDomainOrProductName(product)) {
      throw new IllegalArgumentException(
          "'" + domain + "." + product + "' is not a valid product name");
    }
  }

  /**
   * Reads {@code sales.orders}.
   *
   * @throws IllegalArgumentException naming the text
   */
  public static ProductReference parse(String text) {
    int dot = text.indexOf('.');
    if (dot < 0
        || !Names.isDomainOrProductName(text.substring(0, dot))
        || !Names.isDomainOrProductName(text.substring(dot + 1))) {
      throw new IllegalArgumentException(
          "'"
              + text
              + "' is not a product reference; expected <domain>.<product>, both matching "
              + Names.DOMAIN_OR_PRODUCT.pattern());
    }
    return new ProductReference(text.substring(0, dot), text.substring(dot + 1));
  }

  @Override
  public String toString() {
    return domain + "." + product;
  }
}
