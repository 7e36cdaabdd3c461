package io.tributary.policies.rowfilter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RowFilterParserTest {

  /** Each accepted filter, and the canonical text it must come back as. */
  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
          """
          region = 'eu'                                | "region" = 'eu'
          Region = 'EU'                                | "region" = 'EU'
          REGION IN ('eu') AND Amount > 1              | "region" IN ('eu') AND "amount" > 1
          amount >= 100                                | "amount" >= 100
          amount < -5                                  | "amount" < -5
          amount <> 2.50                               | "amount" <> 2.50
          amount <= - 0.5                              | "amount" <= -0.5
          amount > 9223372036854775807                 | "amount" > 9223372036854775807
          amount > -9223372036854775808                | "amount" > -9223372036854775808
          name = 'it''s'                               | "name" = 'it''s'
          name = ''                                    | "name" = ''
          name = 'a "quoted" word, AND more'           | "name" = 'a "quoted" word, AND more'
          active = TRUE                                | "active" = TRUE
          active <> false                              | "active" <> FALSE
          day = DATE '2024-02-29'                      | "day" = DATE '2024-02-29'
          day >= date '0001-01-01'                     | "day" >= DATE '0001-01-01'
          at < TIMESTAMP '2024-01-31 23:59:59'         | "at" < TIMESTAMP '2024-01-31 23:59:59'
          at = TIMESTAMP '2024-01-31 10:00:00.500'     | "at" = TIMESTAMP '2024-01-31 10:00:00.5'
          at = timestamp '2024-01-31 10:00:00.123456'  | "at" = TIMESTAMP '2024-01-31 10:00:00.123456'
          region IN ('eu', 'uk')                       | "region" IN ('eu', 'uk')
          region not in ('eu')                         | "region" NOT IN ('eu')
          amount BETWEEN 1 AND 10                      | "amount" BETWEEN 1 AND 10
          amount NOT BETWEEN -1.5 AND 1.5              | "amount" NOT BETWEEN -1.5 AND 1.5
          name LIKE 'a%'                               | "name" LIKE 'a%'
          name NOT LIKE '_b%'                          | "name" NOT LIKE '_b%'
          name IS NULL                                 | "name" IS NULL
          name is not null                             | "name" IS NOT NULL
          "Order" = 1                                  | "Order" = 1
          "order ""id""\" = 1                          | "order ""id""\" = 1
          "größe" >= 1.5                               | "größe" >= 1.5
          date = DATE '2024-01-01'                     | "date" = DATE '2024-01-01'
          _private_1 = 1                               | "_private_1" = 1
          a = 1 AND b = 2 OR c = 3                     | ("a" = 1 AND "b" = 2) OR "c" = 3
          a = 1 OR b = 2 AND c = 3                     | "a" = 1 OR ("b" = 2 AND "c" = 3)
          (a = 1 OR b = 2) AND c = 3                   | ("a" = 1 OR "b" = 2) AND "c" = 3
          NOT a = 1                                    | NOT ("a" = 1)
          NOT a = 1 AND b = 2                          | NOT ("a" = 1) AND "b" = 2
          NOT (a = 1 AND b = 2)                        | NOT ("a" = 1 AND "b" = 2)
          NOT NOT a IS NULL                            | NOT (NOT ("a" IS NULL))
          NOT a IN (1)                                 | NOT ("a" IN (1))
          ((a = 1))                                    | "a" = 1
          a = 1 AND (b = 2 AND c = 3)                  | "a" = 1 AND "b" = 2 AND "c" = 3
          a BETWEEN 1 AND 5 AND b = 2                  | "a" BETWEEN 1 AND 5 AND "b" = 2
          `  a\t=
          1  `                                         | "a" = 1
          a=1 and(b='x'or c is null)                   | "a" = 1 AND ("b" = 'x' OR "c" IS NULL)
          """)
  void acceptsAndWritesCanonically(String text, String canonicalText) {
    RowFilter filter = RowFilter.parse(text);

    assertThat(filter.toSqlText()).isEqualTo(canonicalText);
    assertThat(RowFilter.parse(canonicalText)).isEqualTo(filter);
  }

  @Test
  void buildsTheTreeWithNotOverAndOverOr() {
    RowFilter filter =
        RowFilter.parse("NOT a = 1 AND b IN (2, 3.5) OR c BETWEEN 'x' AND 'y' AND d IS NOT NULL");

    assertThat(filter.expression())
        .isEqualTo(
            new Or(
                new And(
                    new Not(
                        new Comparison(
                            new Column("a"), ComparisonOperator.EQUAL, new IntegerLiteral(1))),
                    new In(
                        new Column("b"),
                        List.of(new IntegerLiteral(2), new DecimalLiteral(new BigDecimal("3.5"))),
                        false)),
                new And(
                    new Between(
                        new Column("c"), new StringLiteral("x"), new StringLiteral("y"), false),
                    new IsNull(new Column("d"), true))));
  }

  @Test
  void readsTypedLiterals() {
    RowFilter filter =
        RowFilter.parse(
            "d = DATE '2024-02-29' AND t = TIMESTAMP '1999-12-31 23:59:59.000001' AND n NOT LIKE"
                + " 'x''%'");

    assertThat(filter.expression())
        .isEqualTo(
            new And(
                new Comparison(
                    new Column("d"),
                    ComparisonOperator.EQUAL,
                    new DateLiteral(LocalDate.of(2024, 2, 29))),
                new Comparison(
                    new Column("t"),
                    ComparisonOperator.EQUAL,
                    new TimestampLiteral(LocalDateTime.of(1999, 12, 31, 23, 59, 59, 1_000))),
                new Like(new Column("n"), "x'%", true)));
  }

  @Test
  void spellingsOfTheSameFilterAreEqual() {
    assertThat(RowFilter.parse("(A = 1) and ((b = 2) AND c = 3)"))
        .isEqualTo(RowFilter.parse("a=1 AND b=2 AND c=3"))
        .hasSameHashCodeAs(RowFilter.parse("a=1 AND b=2 AND c=3"));
    assertThat(RowFilter.parse("a = 1.5")).isNotEqualTo(RowFilter.parse("a = 1.50"));
  }

  @Test
  void listsTheColumnsItReads() {
    assertThat(RowFilter.parse("b = 1 OR (a IS NULL AND NOT \"Z\" LIKE 'x') OR b = 2").columns())
        .containsExactly("Z", "a", "b");
  }

  /** Each rejected filter, the position of the problem, and what the reader is told. */
  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
          """
          ``                                    |  1 | the filter is empty
          `   `                                 |  4 | the filter is empty
          region = 'eu' AND lower(name) = 'x'   | 19 | functions are not allowed: lower(
          lower(name) = 'x'                     |  1 | functions are not allowed: lower(
          "lower"(name) = 'x'                   |  1 | functions are not allowed: "lower"(
          amount = region                       | 10 | expected a literal after '=' but found column 'region'
          amount >= "limit"                     | 11 | expected a literal after '>=' but found column "limit"; strings take single quotes
          1 = amount                            |  1 | expected a column name but found the number 1; write conditions as column operator literal
          'eu' = region                         |  1 | expected a column name but found the string 'eu'; write conditions as column operator literal
          TRUE = active                         |  1 | expected a column name but found the literal TRUE; write conditions as column operator literal
          amount + 1 > 2                        |  8 | arithmetic is not allowed: +
          amount > 1 - 2                        | 12 | arithmetic is not allowed: -
          amount > 1 * 2                        | 12 | arithmetic is not allowed: *
          amount > 4 / 2                        | 12 | arithmetic is not allowed: /
          amount > 4 % 2                        | 12 | arithmetic is not allowed: %
          -amount > 1                           |  1 | arithmetic is not allowed: -
          amount = -region                      | 10 | arithmetic is not allowed: -
          `name || 'x' = 'y'`                   |  6 | `string concatenation is not allowed: ||`
          name = NULL                           |  8 | NULL cannot be compared with; use IS NULL or IS NOT NULL
          name IN ('a', NULL)                   | 15 | NULL cannot be compared with; use IS NULL or IS NOT NULL
          name IN ()                            | 10 | expected a literal in the IN list but found ')'
          name IN ('a', other)                  | 15 | expected a literal in the IN list but found column 'other'
          name IN 'a'                           |  9 | expected '(' after IN but found the string 'a'
          name IN ('a' 'b')                     | 14 | expected ',' or ')' in the IN list but found the string 'b'
          amount BETWEEN 1                      | 17 | expected AND between the bounds of BETWEEN but found the end of the filter
          amount BETWEEN 1 OR 2                 | 18 | expected AND between the bounds of BETWEEN but found OR
          amount BETWEEN 1 AND limit            | 22 | expected a literal after AND but found column 'limit'
          name LIKE 5                           | 11 | LIKE needs a pattern in single quotes but found the number 5
          name LIKE 'a!%' ESCAPE '!'            | 17 | ESCAPE is not supported: % and _ are always wildcards
          name = 'abc                           |  8 | unterminated string: a closing ' is missing
          "name = 1                             |  1 | unterminated quoted column name: a closing " is missing
          "" = 1                                |  1 | a quoted column name cannot be empty
          a = 1 AND                             | 10 | expected a condition but found the end of the filter
          a = 1 AND NOT                         | 14 | expected a condition but found the end of the filter
          a = 1 OR OR b = 2                     | 10 | expected a condition but found OR
          ()                                    |  2 | expected a condition but found ')'
          (a = 1                                |  7 | expected AND, OR or ')' but found the end of the filter
          a = 1)                                |  6 | unexpected ')' without a matching '('
          a = 1 b = 2                           |  7 | expected AND, OR or the end of the filter but found column 'b'
          a = TRUE = TRUE                       | 10 | expected AND, OR or the end of the filter but found '='
          a == 1                                |  4 | expected a literal after '=' but found '='
          a < > 1                               |  5 | expected a literal after '<' but found '>'
          a != 1                                |  3 | '!=' is not part of the language; use '<>'
          a                                     |  2 | expected an operator after column 'a' but found the end of the filter
          a IS 1                                |  6 | expected NULL after IS but found the number 1
          a IS NOT TRUE                         | 10 | expected NULL after IS NOT but found TRUE
          a NOT = 1                             |  7 | expected IN, BETWEEN or LIKE after NOT but found '='
          d = DATE '2024-13-01'                 |  5 | invalid date '2024-13-01': write DATE 'yyyy-mm-dd'
          d = DATE '2023-02-29'                 |  5 | invalid date '2023-02-29': write DATE 'yyyy-mm-dd'
          d = DATE '0000-01-01'                 |  5 | invalid date '0000-01-01': write DATE 'yyyy-mm-dd'
          d = DATE '2024-1-1'                   |  5 | invalid date '2024-1-1': write DATE 'yyyy-mm-dd'
          t = TIMESTAMP '2024-01-01'            |  5 | invalid timestamp '2024-01-01': write TIMESTAMP 'yyyy-mm-dd hh:mm:ss' with up to 6 fractional digits
          t = TIMESTAMP '2024-01-01 24:00:00'   |  5 | invalid timestamp '2024-01-01 24:00:00': write TIMESTAMP 'yyyy-mm-dd hh:mm:ss' with up to 6 fractional digits
          t = TIMESTAMP '2024-01-01 10:00:00.1234567' | 5 | invalid timestamp '2024-01-01 10:00:00.1234567': write TIMESTAMP 'yyyy-mm-dd hh:mm:ss' with up to 6 fractional digits
          t = TIME '10:00:00'                   |  5 | TIME literals are not supported; only DATE and TIMESTAMP are
          b = X'00'                             |  5 | X literals are not supported; only DATE and TIMESTAMP are
          a = 1e5                               |  5 | exponent notation is not allowed; write the number out in full
          a = 99999999999999999999              |  5 | the integer 99999999999999999999 is outside the 64-bit range
          a = 0.000000000000000000000000000000000000001 | 5 | the decimal 0.000000000000000000000000000000000000001 has more than 38 digits
          a = .5                                |  5 | a decimal needs a digit before its point, as in 0.5
          a = 5.                                |  5 | a decimal needs a digit after its point, as in 5.0
          a = 5x                                |  6 | unexpected character 'x' after a number
          a = 1; DROP TABLE x                   |  6 | unexpected character ';'
          a = 1 -- comment                      |  7 | comments are not allowed
          a = 1 /* comment */                   |  7 | comments are not allowed
          a = ?                                 |  5 | parameters are not allowed: ?
          größe = 1                             |  3 | unexpected character 'ö'; a column name with characters other than a-z, 0-9 and _ needs double quotes
          t.a = 1                               |  1 | qualified and nested column names are not supported
          a = (SELECT max(a) FROM t)            |  6 | subqueries are not allowed: SELECT is not a condition
          a IN (SELECT b FROM t)                |  7 | subqueries are not allowed: SELECT is not a condition
          EXISTS (SELECT 1)                     |  1 | subqueries are not allowed: EXISTS is not a condition
          CASE WHEN a = 1 THEN true END         |  1 | CASE expressions are not allowed
          d > current_date                      |  5 | functions are not allowed: current_date
          a = CAST(1 AS bigint)                 |  5 | functions are not allowed: cast(
          order = 1                             |  1 | 'order' is a reserved word; write a column of that name in double quotes
          a = 1 AND b = 2 AND c = lower('x')    | 25 | functions are not allowed: lower(
          """)
  void rejectsWithPositionAndMessage(String text, int position, String message) {
    assertThatThrownBy(() -> RowFilter.parse(text))
        .isInstanceOfSatisfying(
            RowFilterException.class,
            exception -> {
              assertThat(exception.reason()).isEqualTo(message);
              assertThat(exception.position()).isEqualTo(position);
              assertThat(exception.getMessage()).isEqualTo("position " + position + ": " + message);
            });
  }

  @Test
  void refusesNestingDeepEnoughToThreatenTheStack() {
    String tooDeep = "(".repeat(65) + "a = 1" + ")".repeat(65);
    String deepEnough = "(".repeat(64) + "a = 1" + ")".repeat(64);

    assertThat(RowFilter.parse(deepEnough).toSqlText()).isEqualTo("\"a\" = 1");
    assertThatThrownBy(() -> RowFilter.parse(tooDeep))
        .hasMessage("position 65: the filter nests deeper than 64 levels");
    assertThatThrownBy(() -> RowFilter.parse("NOT ".repeat(65) + "a = 1"))
        .hasMessage("position 257: the filter nests deeper than 64 levels");
  }

  @Test
  void readsLongChainsWithoutDeepTrees() {
    String chain = String.join(" AND ", java.util.Collections.nCopies(20_000, "a = 1"));

    RowFilter filter = RowFilter.parse(chain);

    assertThat(((And) filter.expression()).operands()).hasSize(20_000);
    assertThat(filter.matches(java.util.Map.of("a", 1))).isTrue();
  }
}
