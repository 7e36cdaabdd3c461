package io.tributary.platform.query.athena;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;

/**
 * Renders bound values as the SQL literals Athena substitutes for {@code ?}. Athena's {@code
 * ExecutionParameters} are not typed bindings: each string is pasted into the statement as literal
 * text, so a value must be a complete, correctly typed and escaped literal, or it would be SQL.
 */
final class AthenaLiterals {
  /** Years Trino's {@code DATE} and {@code TIMESTAMP} literals read without a sign. */
  private static final int FIRST_YEAR = 0;

  private static final int LAST_YEAR = 9999;

  private AthenaLiterals() {}

  /**
   * The literal of a value the row-filter language binds (and the instants and snapshot ids the
   * engine binds itself).
   *
   * @throws IllegalArgumentException for a value no literal can carry safely
   */
  static String render(Object value) {
    return switch (value) {
      case null -> "NULL";
      case Boolean truth -> truth ? "TRUE" : "FALSE";
      case Long number -> Long.toString(number);
      case Integer number -> Integer.toString(number);
      case Short number -> Short.toString(number);
      case Byte number -> Byte.toString(number);
      case BigInteger number -> number.toString();
      // Typed, so that a value like 1E+3 keeps its scale and never reads as a double.
      case BigDecimal number -> "DECIMAL '" + number.toPlainString() + "'";
      case Double number when Double.isFinite(number) -> "DOUBLE '" + number + "'";
      case Float number when Float.isFinite(number) -> "REAL '" + number + "'";
      case String text -> string(text);
      case LocalDate date -> {
        requireYear(date.getYear(), date);
        yield "DATE '" + date + "'";
      }
      case LocalDateTime timestamp -> "TIMESTAMP '" + timestamp(timestamp) + "'";
      default ->
          throw new IllegalArgumentException(
              "A %s cannot be bound as an Athena literal: %s"
                  .formatted(value.getClass().getSimpleName(), value));
    };
  }

  /**
   * A string literal: quotes doubled, the only escape Trino's string literals have (a backslash is
   * an ordinary character). A NUL cannot travel in a literal at all.
   */
  private static String string(String text) {
    if (text.indexOf('\u0000') >= 0) {
      throw new IllegalArgumentException("A string with a NUL character cannot be an SQL literal");
    }
    return "'" + text.replace("'", "''") + "'";
  }

  /** {@code yyyy-mm-dd hh:mm:ss.ffffff}: every microsecond the filter language carries. */
  private static String timestamp(LocalDateTime timestamp) {
    requireYear(timestamp.getYear(), timestamp);
    return "%s %02d:%02d:%02d.%06d"
        .formatted(
            timestamp.toLocalDate(),
            timestamp.getHour(),
            timestamp.getMinute(),
            timestamp.getSecond(),
            timestamp.getNano() / 1_000);
  }

  private static void requireYear(int year, Object value) {
    if (year < FIRST_YEAR || year > LAST_YEAR) {
      throw new IllegalArgumentException(
          "%s is outside the years %d to %d an SQL literal holds"
              .formatted(value, FIRST_YEAR, LAST_YEAR));
    }
  }
}
