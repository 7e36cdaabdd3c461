package io.tributary.policies.lakeformation;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Lake Formation's documented limits, and the names the compiler derives within them. Each limit is
 * quoted from the Lake Formation API reference or developer guide.
 */
public final class LakeFormationNames {
  /** {@code BatchGrantPermissions} and {@code BatchRevokePermissions}: up to 20 entries. */
  public static final int MAX_BATCH_ENTRIES = 20;

  /** A {@code BatchPermissionsRequestEntry} {@code Id}: 1 to 255 characters. */
  public static final int MAX_ENTRY_ID_LENGTH = 255;

  /** Database, table, column and data cells filter names: 1 to 255 characters. */
  public static final int MAX_NAME_LENGTH = 255;

  /** A {@code DataLakePrincipalIdentifier}: 1 to 255 characters. */
  public static final int MAX_PRINCIPAL_LENGTH = 255;

  /** A row filter expression: "Total length of the expression must be less than 2048". */
  public static final int MAX_FILTER_EXPRESSION_LENGTH = 2047;

  /** An LF-Tag key: 1 to 128 characters. */
  public static final int MAX_TAG_KEY_LENGTH = 128;

  /** An LF-Tag value: 0 to 256 characters (the compiler never writes an empty one). */
  public static final int MAX_TAG_VALUE_LENGTH = 256;

  /** {@code TagValues} in one {@code CreateLFTag} or {@code UpdateLFTag} call: up to 50. */
  public static final int MAX_TAG_VALUES_PER_CALL = 50;

  /** The prefix of every data cells filter the platform creates, and only those. */
  public static final String DATA_CELLS_FILTER_PREFIX = "tributary_";

  /** The single-line string pattern of every Lake Formation name. */
  private static final Pattern SINGLE_LINE =
      Pattern.compile("[\\u0020-\\uD7FF\\uE000-\\uFFFD\\uD800\\uDC00-\\uDBFF\\uDFFF\\t]*");

  private static final Pattern TAG_KEY = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@%]*");
  private static final Pattern TAG_VALUE = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:*/=+\\-@%]*");
  private static final Pattern ACCOUNT_ID = Pattern.compile("[0-9]{12}");
  private static final Pattern DOMAIN_OR_PRODUCT = Pattern.compile("[a-z][a-z0-9_]{1,62}");
  private static final Pattern PLATFORM_PRINCIPAL = Pattern.compile("(group|user):\\S+");
  private static final Pattern ARN = Pattern.compile("arn:[a-z-]+:[a-z0-9-]+:[^\\s]*");

  private static final int HASH_HEX_DIGITS = 24;

  private LakeFormationNames() {}

  /**
   * The name of the data cells filter behind one grant's row filter: {@code tributary_} and 24 hex
   * digits of a SHA-256 over the grant's principal, the filter's canonical text and its columns.
   * The same grant always gets the same name, a changed grant a new one, and the name fits every
   * Lake Formation name rule (34 characters of {@code [a-z0-9_]}).
   */
  public static String dataCellsFilter(
      String principal, String filterExpression, ColumnSpec columns) {
    return DATA_CELLS_FILTER_PREFIX
        + hash(
            "principal="
                + principal
                + "\nfilter="
                + filterExpression
                + "\nwildcard="
                + columns.wildcard()
                + "\ncolumns="
                + String.join(",", columns.names()));
  }

  /**
   * The id of a product grant's entry, and its key in the Terraform variables: {@code
   * domain.product.principal}. Past 255 characters it is cut and ends with {@code ~} and a hash of
   * the whole, so it stays unique.
   */
  public static String entryId(String domain, String product, String principal) {
    return fit(domain + "." + product + "." + principal);
  }

  /** An id for an entry read from Lake Formation, derived from what it grants. */
  static String contentId(LakeFormationPermission permission) {
    return "lf." + hash(describe(permission));
  }

  /** A description of what a permission means, without its id. */
  static String describe(LakeFormationPermission permission) {
    StringBuilder text = new StringBuilder("principal=").append(permission.principal());
    TableResource table = permission.resource().table();
    text.append("\ntable=")
        .append(table.catalogId())
        .append(':')
        .append(table.database())
        .append('.')
        .append(table.table());
    switch (permission.resource()) {
      case PermissionResource.TableColumns columns ->
          text.append("\nwildcard=")
              .append(columns.columns().wildcard())
              .append("\ncolumns=")
              .append(String.join(",", columns.columns().names()));
      case PermissionResource.DataCellsFilterResource filter ->
          text.append("\ndataCellsFilter=").append(filter.name());
    }
    text.append("\npermissions=").append(String.join(",", permission.permissions()));
    text.append("\ngrantable=").append(String.join(",", permission.permissionsWithGrantOption()));
    return text.toString();
  }

  static String fit(String id) {
    if (id.length() <= MAX_ENTRY_ID_LENGTH && SINGLE_LINE.matcher(id).matches()) {
      return id;
    }
    String cleaned = id.replaceAll("[^\\u0020-\\u007E]", "_");
    String suffix = "~" + hash(id);
    int keep = Math.min(cleaned.length(), MAX_ENTRY_ID_LENGTH - suffix.length());
    return cleaned.substring(0, keep) + suffix;
  }

  static boolean isAccountId(String catalogId) {
    return catalogId != null && ACCOUNT_ID.matcher(catalogId).matches();
  }

  static boolean isDomainOrProductName(String name) {
    return DOMAIN_OR_PRODUCT.matcher(name).matches();
  }

  static boolean isPlatformPrincipal(String principal) {
    return PLATFORM_PRINCIPAL.matcher(principal).matches();
  }

  static boolean isPrincipalArn(String arn) {
    return arn.length() <= MAX_PRINCIPAL_LENGTH && ARN.matcher(arn).matches();
  }

  static boolean isName(String name) {
    return !name.isEmpty()
        && name.length() <= MAX_NAME_LENGTH
        && SINGLE_LINE.matcher(name).matches();
  }

  static boolean isTagKey(String key) {
    return !key.isEmpty() && key.length() <= MAX_TAG_KEY_LENGTH && TAG_KEY.matcher(key).matches();
  }

  static boolean isTagValue(String value) {
    return !value.isEmpty()
        && value.length() <= MAX_TAG_VALUE_LENGTH
        && TAG_VALUE.matcher(value).matches();
  }

  private static String hash(String text) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest).substring(0, HASH_HEX_DIGITS);
    } catch (NoSuchAlgorithmException impossible) {
      throw new IllegalStateException("every JDK has SHA-256", impossible);
    }
  }
}
