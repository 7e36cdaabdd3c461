package io.tributary.policies.rowfilter;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The canonical text is a faithful serialization: for hundreds of random trees, reading back what
 * was written gives the same tree, and the parameterized SQL says the same thing.
 */
class RoundTripTest {
  private static final int TREES = 500;

  /** Names chosen to trip a careless writer: keywords, reserved words, quotes, case, Unicode. */
  private static final List<String> COLUMN_NAMES =
      List.of(
          "region",
          "amount",
          "_x9",
          "date",
          "timestamp",
          "order",
          "and",
          "Mixed Case",
          "with \"quotes\"",
          "größe",
          "a.b",
          "select");

  private static final String STRING_CHARACTERS = "ab Z'%_\"\\-(),;?éß😀\n\t";

  @Test
  void canonicalTextParsesBackIntoTheSameTree() {
    Random random = new Random(20_240_531L);
    for (int tree = 0; tree < TREES; tree++) {
      RowFilterExpression expression = expression(random, 4);
      String text = SqlWriter.canonicalText(expression);

      RowFilter parsed = RowFilter.parse(text);

      assertThat(parsed.expression()).as(text).isEqualTo(expression);
      assertThat(parsed.toSqlText()).isEqualTo(text);
      assertThat(RowFilter.of(expression).expression()).isEqualTo(expression);
      assertThat(substituteParameters(parsed.toTrinoSql())).isEqualTo("(" + text + ")");
    }
  }

  /** Writes each bound value back in place of its placeholder, as its literal. */
  static String substituteParameters(ParameterizedSql sql) {
    StringBuilder text = new StringBuilder();
    int parameter = 0;
    for (char character : sql.sql().toCharArray()) {
      // The only '?' outside a quoted name is a placeholder; the generated names hold none.
      if (character == '?') {
        text.append(SqlWriter.literalText(literalOf(sql.parameters().get(parameter++))));
      } else {
        text.append(character);
      }
    }
    assertThat(parameter).isEqualTo(sql.parameters().size());
    return text.toString();
  }

  private static Literal literalOf(Object value) {
    return switch (value) {
      case Long number -> new IntegerLiteral(number);
      case BigDecimal number -> new DecimalLiteral(number);
      case String text -> new StringLiteral(text);
      case Boolean truth -> new BooleanLiteral(truth);
      case LocalDate date -> new DateLiteral(date);
      case LocalDateTime timestamp -> new TimestampLiteral(timestamp);
      default -> throw new IllegalArgumentException("not a parameter type: " + value);
    };
  }

  private static RowFilterExpression expression(Random random, int depth) {
    int choice = random.nextInt(depth > 0 ? 8 : 5);
    return switch (choice) {
      case 0 -> new Comparison(column(random), operator(random), literal(random));
      case 1 -> new In(column(random), literals(random), random.nextBoolean());
      case 2 -> new Between(column(random), literal(random), literal(random), random.nextBoolean());
      case 3 -> new Like(column(random), string(random), random.nextBoolean());
      case 4 -> new IsNull(column(random), random.nextBoolean());
      case 5 -> new And(operands(random, depth - 1));
      case 6 -> new Or(operands(random, depth - 1));
      default -> new Not(expression(random, depth - 1));
    };
  }

  private static List<RowFilterExpression> operands(Random random, int depth) {
    List<RowFilterExpression> operands = new ArrayList<>();
    int count = 2 + random.nextInt(3);
    for (int index = 0; index < count; index++) {
      operands.add(expression(random, depth));
    }
    return operands;
  }

  private static Column column(Random random) {
    return new Column(COLUMN_NAMES.get(random.nextInt(COLUMN_NAMES.size())));
  }

  private static ComparisonOperator operator(Random random) {
    ComparisonOperator[] operators = ComparisonOperator.values();
    return operators[random.nextInt(operators.length)];
  }

  private static List<Literal> literals(Random random) {
    List<Literal> literals = new ArrayList<>();
    int count = 1 + random.nextInt(4);
    for (int index = 0; index < count; index++) {
      literals.add(literal(random));
    }
    return literals;
  }

  private static Literal literal(Random random) {
    return switch (random.nextInt(6)) {
      case 0 ->
          new IntegerLiteral(
              switch (random.nextInt(4)) {
                case 0 -> Long.MIN_VALUE;
                case 1 -> Long.MAX_VALUE;
                case 2 -> random.nextInt(21) - 10;
                default -> random.nextLong();
              });
      case 1 ->
          new DecimalLiteral(
              new BigDecimal(
                  new BigInteger(1 + random.nextInt(100), random)
                      .multiply(BigInteger.valueOf(random.nextBoolean() ? 1 : -1)),
                  1 + random.nextInt(12)));
      case 2 -> new StringLiteral(string(random));
      case 3 -> new BooleanLiteral(random.nextBoolean());
      case 4 -> new DateLiteral(LocalDate.ofEpochDay(randomEpochDay(random)));
      default ->
          new TimestampLiteral(
              LocalDate.ofEpochDay(randomEpochDay(random))
                  .atStartOfDay()
                  .plusSeconds(random.nextInt(86_400))
                  .plusNanos(random.nextBoolean() ? 0 : random.nextInt(1_000_000) * 1_000L));
    };
  }

  /** Days from 0001-01-01 to 9999-12-31, the years a literal may hold. */
  private static long randomEpochDay(Random random) {
    long first = LocalDate.of(1, 1, 1).toEpochDay();
    long last = LocalDate.of(9999, 12, 31).toEpochDay();
    return first + (long) (random.nextDouble() * (last - first + 1));
  }

  private static String string(Random random) {
    StringBuilder text = new StringBuilder();
    int[] characters = STRING_CHARACTERS.codePoints().toArray();
    int length = random.nextInt(8);
    for (int index = 0; index < length; index++) {
      text.appendCodePoint(characters[random.nextInt(characters.length)]);
    }
    return text.toString();
  }
}
