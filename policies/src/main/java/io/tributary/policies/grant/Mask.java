package io.tributary.policies.grant;

import io.tributary.policies.rowfilter.ColumnKind;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;

/**
 * How a granted column is masked: what the grantee sees instead of the value.
 *
 * <table>
 *   <caption>Masked values</caption>
 *   <tr><th>mask</th><th>string column</th><th>any other column</th></tr>
 *   <tr><td>{@code hash}</td><td>lowercase hex SHA-256 of the value's UTF-8 bytes; NULL stays
 *       NULL</td><td>NULL</td></tr>
 *   <tr><td>{@code redact}</td><td>the string {@code ***}, NULL included</td><td>NULL</td></tr>
 *   <tr><td>{@code null}</td><td>NULL</td><td>NULL</td></tr>
 * </table>
 *
 * <p>The constants are declared from the least restrictive to the most: a hash still lets rows be
 * joined and counted by the value, a redaction hides even whether two values are equal, and a NULL
 * hides the value's presence as well. When several grants mask one column, the least restrictive
 * mask wins ({@link #leastRestrictive}).
 *
 * <p>A column mask in Trino must keep the column's type, so on a column that is not a string {@code
 * hash} and {@code redact} both give NULL; {@link Grant#check} reports {@code hash} there, since
 * whoever declared it expected to join on it. Lake Formation has no masks: a masked column compiles
 * to an excluded column there (stricter, never looser).
 */
public enum Mask {
  HASH,
  REDACT,
  NULL;

  /** What {@code redact} shows instead of a string. */
  public static final String REDACTED = "***";

  /** The name in declarations: {@code hash}, {@code redact}, {@code null}. */
  public String declaredName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Reads a declared mask name.
   *
   * @throws IllegalArgumentException naming the text and the names accepted
   */
  public static Mask parse(String text) {
    Objects.requireNonNull(text, "text");
    return switch (text) {
      case "hash" -> HASH;
      case "redact" -> REDACT;
      case "null" -> NULL;
      default ->
          throw new IllegalArgumentException(
              "'%s' is not a mask: expected redact, hash or null".formatted(text));
    };
  }

  /** Of two masks, the one that shows more: hash before redact before null. */
  public static Mask leastRestrictive(Mask first, Mask second) {
    return first.ordinal() <= second.ordinal() ? first : second;
  }

  /**
   * The masked value, as the grantee reads it.
   *
   * @param value the stored value: a String for a string column, null for SQL NULL
   * @param icebergType the column's Iceberg type, as declared ({@code string}, {@code long}, ...)
   * @throws IllegalArgumentException when a string column holds something else than a String
   */
  public Object apply(Object value, String icebergType) {
    if (this == NULL || ColumnKind.ofIcebergType(icebergType) != ColumnKind.STRING) {
      return null;
    }
    if (value != null && !(value instanceof String)) {
      throw new IllegalArgumentException(
          "a string column holds a value of type " + value.getClass().getSimpleName());
    }
    return switch (this) {
      case REDACT -> REDACTED;
      case HASH -> value == null ? null : sha256Hex((String) value);
      case NULL -> null;
    };
  }

  static String sha256Hex(String text) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
