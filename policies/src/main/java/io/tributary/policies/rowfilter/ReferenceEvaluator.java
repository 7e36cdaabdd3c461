package io.tributary.policies.rowfilter;

import io.tributary.policies.rowfilter.Literal.BooleanLiteral;
import io.tributary.policies.rowfilter.Literal.DateLiteral;
import io.tributary.policies.rowfilter.Literal.DecimalLiteral;
import io.tributary.policies.rowfilter.Literal.IntegerLiteral;
import io.tributary.policies.rowfilter.Literal.StringLiteral;
import io.tributary.policies.rowfilter.Literal.TimestampLiteral;
import io.tributary.policies.rowfilter.RowFilterExpression.And;
import io.tributary.policies.rowfilter.RowFilterExpression.Between;
import io.tributary.policies.rowfilter.RowFilterExpression.Column;
import io.tributary.policies.rowfilter.RowFilterExpression.Comparison;
import io.tributary.policies.rowfilter.RowFilterExpression.In;
import io.tributary.policies.rowfilter.RowFilterExpression.IsNull;
import io.tributary.policies.rowfilter.RowFilterExpression.Like;
import io.tributary.policies.rowfilter.RowFilterExpression.Not;
import io.tributary.policies.rowfilter.RowFilterExpression.Or;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Map;

/**
 * What a row filter means, written once in plain Java: SQL's three-valued logic, numbers compared
 * by value, strings by code point (the order of their UTF-8 bytes, as Trino compares varchar),
 * floats compared the way an engine coerces a decimal literal to the column's float type.
 *
 * <p>Row values are the Java types a JDBC driver returns: Boolean, Byte/Short/Integer/Long,
 * BigInteger, BigDecimal, Float, Double, String, LocalDate, LocalDateTime; null for SQL NULL.
 */
final class ReferenceEvaluator {
  /** How a value stands to a literal; NaN stands in no order to anything. */
  private enum Ordering {
    LESS,
    EQUAL,
    GREATER,
    UNORDERED
  }

  private final Map<String, ?> row;

  private ReferenceEvaluator(Map<String, ?> row) {
    this.row = row;
  }

  static TruthValue evaluate(RowFilterExpression expression, Map<String, ?> row) {
    return new ReferenceEvaluator(row).evaluate(expression);
  }

  private TruthValue evaluate(RowFilterExpression expression) {
    return switch (expression) {
      case And and -> {
        TruthValue result = TruthValue.TRUE;
        for (RowFilterExpression operand : and.operands()) {
          TruthValue value = evaluate(operand);
          if (value == TruthValue.FALSE) {
            yield TruthValue.FALSE;
          }
          if (value == TruthValue.UNKNOWN) {
            result = TruthValue.UNKNOWN;
          }
        }
        yield result;
      }
      case Or or -> {
        TruthValue result = TruthValue.FALSE;
        for (RowFilterExpression operand : or.operands()) {
          TruthValue value = evaluate(operand);
          if (value == TruthValue.TRUE) {
            yield TruthValue.TRUE;
          }
          if (value == TruthValue.UNKNOWN) {
            result = TruthValue.UNKNOWN;
          }
        }
        yield result;
      }
      case Not not -> evaluate(not.operand()).not();
      case Comparison comparison -> {
        Object value = valueOf(comparison.column());
        if (value == null) {
          yield TruthValue.UNKNOWN;
        }
        Ordering ordering = compare(comparison.column(), value, comparison.literal());
        yield TruthValue.of(holds(comparison.operator(), ordering));
      }
      case In in -> {
        Object value = valueOf(in.column());
        if (value == null) {
          yield TruthValue.UNKNOWN;
        }
        // The list holds no NULL (the language has none), so a miss is plainly false.
        boolean found = false;
        for (Literal literal : in.literals()) {
          found |= compare(in.column(), value, literal) == Ordering.EQUAL;
        }
        yield TruthValue.of(found != in.negated());
      }
      case Between between -> {
        Object value = valueOf(between.column());
        if (value == null) {
          yield TruthValue.UNKNOWN;
        }
        boolean inside =
            holds(
                    ComparisonOperator.GREATER_THAN_OR_EQUAL,
                    compare(between.column(), value, between.lower()))
                && holds(
                    ComparisonOperator.LESS_THAN_OR_EQUAL,
                    compare(between.column(), value, between.upper()));
        yield TruthValue.of(inside != between.negated());
      }
      case Like like -> {
        Object value = valueOf(like.column());
        if (value == null) {
          yield TruthValue.UNKNOWN;
        }
        if (!(value instanceof String text)) {
          throw mismatch(like.column(), value, "a LIKE pattern");
        }
        yield TruthValue.of(LikePattern.matches(text, like.pattern()) != like.negated());
      }
      case IsNull isNull -> TruthValue.of((valueOf(isNull.column()) == null) != isNull.negated());
    };
  }

  private Object valueOf(Column column) {
    if (!row.containsKey(column.name())) {
      // A missing column is a mistake in the caller's row, not a NULL: saying so keeps a
      // differential test from passing by accident.
      throw new IllegalArgumentException("the row has no column '" + column.name() + "'");
    }
    return row.get(column.name());
  }

  private static boolean holds(ComparisonOperator operator, Ordering ordering) {
    return switch (operator) {
      case EQUAL -> ordering == Ordering.EQUAL;
      // IEEE: NaN differs from everything, itself included.
      case NOT_EQUAL -> ordering != Ordering.EQUAL;
      case LESS_THAN -> ordering == Ordering.LESS;
      case LESS_THAN_OR_EQUAL -> ordering == Ordering.LESS || ordering == Ordering.EQUAL;
      case GREATER_THAN -> ordering == Ordering.GREATER;
      case GREATER_THAN_OR_EQUAL -> ordering == Ordering.GREATER || ordering == Ordering.EQUAL;
    };
  }

  private static Ordering compare(Column column, Object value, Literal literal) {
    return switch (literal) {
      case IntegerLiteral integer ->
          compareNumber(column, value, BigDecimal.valueOf(integer.number()), literal);
      case DecimalLiteral decimal -> compareNumber(column, value, decimal.number(), literal);
      case StringLiteral string -> {
        if (!(value instanceof String text)) {
          throw mismatch(column, value, literal);
        }
        yield order(compareCodePoints(text, string.text()));
      }
      case BooleanLiteral bool -> {
        if (!(value instanceof Boolean truth)) {
          throw mismatch(column, value, literal);
        }
        yield order(Boolean.compare(truth, bool.truth()));
      }
      case DateLiteral date -> {
        if (!(value instanceof LocalDate localDate)) {
          throw mismatch(column, value, literal);
        }
        yield order(localDate.compareTo(date.date()));
      }
      case TimestampLiteral timestamp -> {
        if (!(value instanceof LocalDateTime localDateTime)) {
          throw mismatch(column, value, literal);
        }
        yield order(localDateTime.compareTo(timestamp.timestamp()));
      }
    };
  }

  private static Ordering compareNumber(
      Column column, Object value, BigDecimal number, Literal literal) {
    return switch (value) {
      // The engine coerces the literal to the column's type, so a float column compares with
      // the literal rounded to a float: 0.1 on a real column equals 0.1f.
      case Float real -> compareFloating(real, number.floatValue());
      case Double real -> compareFloating(real, number.doubleValue());
      case Byte integer -> order(BigDecimal.valueOf(integer).compareTo(number));
      case Short integer -> order(BigDecimal.valueOf(integer).compareTo(number));
      case Integer integer -> order(BigDecimal.valueOf(integer).compareTo(number));
      case Long integer -> order(BigDecimal.valueOf(integer).compareTo(number));
      case BigInteger integer -> order(new BigDecimal(integer).compareTo(number));
      case BigDecimal decimal -> order(decimal.compareTo(number));
      default -> throw mismatch(column, value, literal);
    };
  }

  private static Ordering compareFloating(double value, double literal) {
    if (Double.isNaN(value) || Double.isNaN(literal)) {
      return Ordering.UNORDERED;
    }
    return value < literal ? Ordering.LESS : value > literal ? Ordering.GREATER : Ordering.EQUAL;
  }

  private static int compareCodePoints(String left, String right) {
    int leftIndex = 0;
    int rightIndex = 0;
    while (leftIndex < left.length() && rightIndex < right.length()) {
      int leftCodePoint = left.codePointAt(leftIndex);
      int rightCodePoint = right.codePointAt(rightIndex);
      if (leftCodePoint != rightCodePoint) {
        return Integer.compare(leftCodePoint, rightCodePoint);
      }
      leftIndex += Character.charCount(leftCodePoint);
      rightIndex += Character.charCount(rightCodePoint);
    }
    return Boolean.compare(leftIndex < left.length(), rightIndex < right.length());
  }

  private static Ordering order(int comparison) {
    return comparison < 0 ? Ordering.LESS : comparison > 0 ? Ordering.GREATER : Ordering.EQUAL;
  }

  private static IllegalArgumentException mismatch(Column column, Object value, Literal literal) {
    return mismatch(
        column, value, "the " + literal.kindName() + " " + SqlWriter.literalText(literal));
  }

  private static IllegalArgumentException mismatch(Column column, Object value, String what) {
    return new IllegalArgumentException(
        "column '"
            + column.name()
            + "' holds a value of type "
            + value.getClass().getSimpleName()
            + " that cannot be compared with "
            + what);
  }
}
