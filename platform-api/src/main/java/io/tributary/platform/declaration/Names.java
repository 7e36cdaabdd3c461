package io.tributary.platform.declaration;

import java.util.regex.Pattern;

/** The name rules shared by declarations, kept in one place so every check says the same thing. */
public final class Names {

  /**
   * Domain and product names: lower case so they are valid, unquoted, for Glue, Athena and Trino
   * alike (DESIGN section 4).
   */
  public static final Pattern DOMAIN_OR_PRODUCT = Pattern.compile("[a-z][a-z0-9_]{1,62}");

  /**
   * Column and struct field names: lower case because Glue and Athena fold names to lower case, so
   * {@code Amount} and {@code amount} would collide there.
   */
  public static final Pattern COLUMN = Pattern.compile("[a-z_][a-z0-9_]{0,127}");

  /** OIDC group and user names as they appear in tokens: e-mail addresses and dotted names too. */
  public static final Pattern IDENTITY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@+\\-]{0,255}");

  /** Tags and classifications become Lake Formation tag values, which are kept simple here. */
  public static final Pattern TAG = Pattern.compile("[a-z0-9][a-z0-9_\\-]{0,63}");

  private Names() {}

  public static boolean isDomainOrProductName(String name) {
    return DOMAIN_OR_PRODUCT.matcher(name).matches();
  }

  public static boolean isColumnName(String name) {
    return COLUMN.matcher(name).matches();
  }
}
