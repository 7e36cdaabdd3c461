package io.tributary.platform.query.athena;

import io.tributary.platform.query.EngineText;
import java.math.BigDecimal;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import software.amazon.awssdk.services.athena.model.ColumnInfo;

/**
 * Reads the text values of {@code GetQueryResults} ({@code Datum.VarCharValue}) into the plain Java
 * values pages carry, by the column's {@code ColumnInfo.Type}, so a page reads the same through
 * Athena as through Trino for the same rows.
 *
 * <ul>
 *   <li>{@code boolean} → Boolean; {@code tinyint}, {@code smallint}, {@code integer}, {@code
 *       bigint} → Long; {@code real} (Athena also says {@code float}) → Float; {@code double} →
 *       Double, {@code NaN} and infinities included; {@code decimal} → BigDecimal with Athena's
 *       scale.
 *   <li>{@code date}, {@code time}: the text; {@code timestamp}: ISO-8601 ({@code T} between date
 *       and time), with an offset for {@code timestamp with time zone}.
 *   <li>{@code varbinary}: Athena writes hexadecimal bytes, pages carry base64.
 *   <li>{@code array}, {@code map}, {@code row}, {@code json} and anything else: Athena's text as
 *       it is ({@code [1, 2]}, {@code {a=1}}). Athena writes nested values without quoting their
 *       strings, so they cannot be read back faithfully: unlike the Trino engine's lists and maps,
 *       they travel as strings.
 * </ul>
 *
 * A datum without {@code VarCharValue} is SQL NULL; an empty {@code VarCharValue} is an empty
 * string.
 */
final class AthenaValues {
  /** Athena's precision of an unbounded {@code varchar}. */
  private static final int UNBOUNDED = Integer.MAX_VALUE;

  private AthenaValues() {}

  /**
   * The column's type as the Trino engine names it ({@code decimal(10,2)}, {@code timestamp(6) with
   * time zone}), rebuilt from Athena's bare {@code Type} and its {@code Precision} and {@code
   * Scale}. Nested types have no parameters in {@code ColumnInfo}: they stay {@code array}, {@code
   * map}, {@code row}.
   */
  static String typeName(ColumnInfo column) {
    String type = column.type().toLowerCase(Locale.ROOT).strip();
    int precision = column.precision() == null ? 0 : column.precision();
    int scale = column.scale() == null ? 0 : column.scale();
    return switch (type) {
      case "int" -> "integer";
      case "float" -> "real";
      case "decimal" -> "decimal(%d,%d)".formatted(precision, scale);
      case "varchar" ->
          precision <= 0 || precision == UNBOUNDED ? "varchar" : "varchar(%d)".formatted(precision);
      case "char" -> precision <= 0 ? "char" : "char(%d)".formatted(precision);
      case "timestamp", "time" -> fractional(type, precision, "");
      case "timestamp with time zone", "time with time zone" ->
          fractional(type.substring(0, type.indexOf(' ')), precision, " with time zone");
      default -> type;
    };
  }

  /** Athena's {@code Precision} of a temporal type is its fractional digits (0 to 12). */
  private static String fractional(String base, int precision, String suffix) {
    return precision > 0 && precision <= 12
        ? "%s(%d)%s".formatted(base, precision, suffix)
        : base + suffix;
  }

  /**
   * The value of one datum.
   *
   * @param text the {@code VarCharValue}; {@code null} for SQL NULL
   * @param type the column's type as {@link #typeName} gives it
   * @throws IllegalStateException when the text does not read as the type says
   */
  static Object read(String text, String type) {
    if (text == null) {
      return null;
    }
    String lower = type.toLowerCase(Locale.ROOT);
    try {
      return switch (baseName(lower)) {
        case "boolean" -> Boolean.parseBoolean(text);
        case "tinyint", "smallint", "integer", "bigint" -> Long.parseLong(text);
        case "real" -> Float.parseFloat(text);
        case "double" -> Double.parseDouble(text);
        case "decimal" -> new BigDecimal(text);
        case "date", "time", "timestamp" -> EngineText.temporal(text, lower);
        case "varbinary" -> Base64.getEncoder().encodeToString(hexBytes(text));
        default -> text;
      };
    } catch (IllegalArgumentException notThatType) {
      throw new IllegalStateException(
          "Athena returned '%s' for a column of type %s".formatted(text, type), notThatType);
    }
  }

  /** {@code decimal(10,2)} → {@code decimal}; {@code timestamp(6) with time zone} → timestamp. */
  private static String baseName(String type) {
    int end = type.length();
    for (int index = 0; index < type.length(); index++) {
      char character = type.charAt(index);
      if (character == '(' || character == ' ') {
        end = index;
        break;
      }
    }
    return type.substring(0, end);
  }

  /** Athena writes bytes as {@code 61 62 63}: pairs of hexadecimal digits, spaces between. */
  private static byte[] hexBytes(String text) {
    return HexFormat.of().parseHex(text.replace(" ", ""));
  }
}
