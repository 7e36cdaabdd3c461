package io.tributary.policies.rowfilter;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Objects;

/** A constant on the right-hand side of a row-filter condition. */
public sealed interface Literal
    permits Literal.IntegerLiteral,
        Literal.DecimalLiteral,
        Literal.StringLiteral,
        Literal.BooleanLiteral,
        Literal.DateLiteral,
        Literal.TimestampLiteral {

  /**
   * The value as a JDBC driver binds it: Long, BigDecimal, String, Boolean, LocalDate,
   * LocalDateTime.
   */
  Object value();

  /** What a reader calls this kind of literal in an error message: "integer", "string", ... */
  String kindName();

  /**
   * A whole number in the 64-bit range, written without a decimal point: {@code 42}, {@code -7}.
   */
  record IntegerLiteral(long number) implements Literal {
    @Override
    public Object value() {
      return number;
    }

    @Override
    public String kindName() {
      return "integer";
    }
  }

  /**
   * An exact number written with a decimal point: {@code 2.50}. The scale is part of the value (as
   * in SQL, {@code 2.50} is a decimal(3,2)), so it must be at least one: a scale of zero would read
   * back as an integer.
   */
  record DecimalLiteral(BigDecimal number) implements Literal {
    public DecimalLiteral {
      Objects.requireNonNull(number, "number");
      if (number.scale() < 1) {
        throw new IllegalArgumentException(
            "a decimal literal needs at least one digit after the point: " + number);
      }
    }

    @Override
    public Object value() {
      return number;
    }

    @Override
    public String kindName() {
      return "decimal";
    }
  }

  /** A single-quoted string; {@code text} holds it unescaped. */
  record StringLiteral(String text) implements Literal {
    public StringLiteral {
      Objects.requireNonNull(text, "text");
    }

    @Override
    public Object value() {
      return text;
    }

    @Override
    public String kindName() {
      return "string";
    }
  }

  /** TRUE or FALSE. */
  record BooleanLiteral(boolean truth) implements Literal {
    @Override
    public Object value() {
      return truth;
    }

    @Override
    public String kindName() {
      return "boolean";
    }
  }

  /** {@code DATE 'yyyy-mm-dd'}; years 1 to 9999, the range every engine writes the same way. */
  record DateLiteral(LocalDate date) implements Literal {
    public DateLiteral {
      Objects.requireNonNull(date, "date");
      if (date.getYear() < 1 || date.getYear() > 9999) {
        throw new IllegalArgumentException("a date literal needs a year from 1 to 9999: " + date);
      }
    }

    @Override
    public Object value() {
      return date;
    }

    @Override
    public String kindName() {
      return "date";
    }
  }

  /**
   * {@code TIMESTAMP 'yyyy-mm-dd hh:mm:ss[.ffffff]'}, without time zone. Precision stops at
   * microseconds because Iceberg's timestamp type does.
   */
  record TimestampLiteral(LocalDateTime timestamp) implements Literal {
    public TimestampLiteral {
      Objects.requireNonNull(timestamp, "timestamp");
      if (timestamp.getYear() < 1 || timestamp.getYear() > 9999) {
        throw new IllegalArgumentException(
            "a timestamp literal needs a year from 1 to 9999: " + timestamp);
      }
      if (timestamp.getNano() % 1_000 != 0) {
        throw new IllegalArgumentException(
            "a timestamp literal is precise to the microsecond at most: " + timestamp);
      }
    }

    @Override
    public Object value() {
      return timestamp;
    }

    @Override
    public String kindName() {
      return "timestamp";
    }
  }
}
