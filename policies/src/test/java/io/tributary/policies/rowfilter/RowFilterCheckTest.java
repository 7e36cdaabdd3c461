package io.tributary.policies.rowfilter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.policies.rowfilter.Literal.IntegerLiteral;
import io.tributary.policies.rowfilter.Literal.StringLiteral;
import io.tributary.policies.rowfilter.RowFilterExpression.And;
import io.tributary.policies.rowfilter.RowFilterExpression.Column;
import io.tributary.policies.rowfilter.RowFilterExpression.Comparison;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RowFilterCheckTest {
  private static final Map<String, ColumnKind> ORDERS =
      Map.of(
          "region", ColumnKind.STRING,
          "amount", ColumnKind.DECIMAL,
          "quantity", ColumnKind.INTEGER,
          "ratio", ColumnKind.FLOAT,
          "active", ColumnKind.BOOLEAN,
          "day", ColumnKind.DATE,
          "updated_at", ColumnKind.TIMESTAMP,
          "tags", ColumnKind.OTHER);

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          region = 'eu' AND region LIKE 'e%' AND region NOT IN ('uk', 'us')
          amount >= 10 AND amount < 99.99 AND amount BETWEEN -1 AND 1.5
          quantity IN (1, 2, 3) AND quantity <> 2.5
          ratio > 0.25 AND ratio NOT BETWEEN 1 AND 2
          active = TRUE OR active <> FALSE OR active IN (TRUE)
          day BETWEEN DATE '2024-01-01' AND DATE '2024-12-31'
          updated_at > TIMESTAMP '2024-01-01 00:00:00.5'
          tags IS NOT NULL AND region IS NULL
          NOT (region = 'eu' OR quantity = 1)
          """)
  void acceptsFiltersThatFitTheTable(String text) {
    assertThat(RowFilter.parse(text).check(ORDERS)).isEmpty();
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
          """
          regoin = 'eu'                         |  1 | unknown column 'regoin'
          `"Region" = 'eu'`                     |  1 | unknown column 'Region'
          region = 'eu' OR misspelt IS NULL     | 18 | unknown column 'misspelt'
          quantity = '5'                        | 12 | column 'quantity' is INTEGER and cannot be compared with the string '5'
          region = 5                            | 10 | column 'region' is STRING and cannot be compared with the integer 5
          amount > TRUE                         | 10 | column 'amount' is DECIMAL and cannot be compared with the boolean TRUE
          ratio < '0.5'                         |  9 | column 'ratio' is FLOAT and cannot be compared with the string '0.5'
          active = 1                            | 10 | column 'active' is BOOLEAN and cannot be compared with the integer 1
          active > FALSE                        |  8 | booleans have no order: use = or <> on column 'active'
          active BETWEEN FALSE AND TRUE         |  8 | booleans have no order: BETWEEN does not apply to column 'active'
          day = '2024-01-01'                    |  7 | column 'day' is DATE and cannot be compared with the string '2024-01-01'
          day = TIMESTAMP '2024-01-01 00:00:00' |  7 | column 'day' is DATE and cannot be compared with the timestamp TIMESTAMP '2024-01-01 00:00:00'
          updated_at >= DATE '2024-01-01'       | 15 | column 'updated_at' is TIMESTAMP and cannot be compared with the date DATE '2024-01-01'
          quantity LIKE '1%'                    | 10 | LIKE needs a string column but column 'quantity' is INTEGER
          day NOT LIKE '2024%'                  |  5 | LIKE needs a string column but column 'day' is DATE
          tags = 'x'                            |  6 | column 'tags' has a type no filter can compare; only IS NULL and IS NOT NULL apply to it
          tags IN ('x')                         |  6 | column 'tags' has a type no filter can compare; only IS NULL and IS NOT NULL apply to it
          tags LIKE 'x%'                        |  6 | LIKE needs a string column but column 'tags' is OTHER
          quantity IN (1, 'two', 3.5)           | 17 | column 'quantity' is INTEGER and cannot be compared with the string 'two'
          amount BETWEEN 1 AND 'ten'            | 22 | column 'amount' is DECIMAL and cannot be compared with the string 'ten'
          """)
  void reportsWhatDoesNotFitTheTable(String text, int position, String message) {
    assertThat(RowFilter.parse(text).check(ORDERS))
        .containsExactly(new RowFilterProblem(position, message));
  }

  @Test
  void reportsEveryProblemInTextOrder() {
    RowFilter filter =
        RowFilter.parse("regoin = 'eu' AND quantity = 'x' AND (active < TRUE OR day IS NULL)");

    assertThat(filter.check(ORDERS))
        .extracting(RowFilterProblem::toString)
        .containsExactly(
            "position 1: unknown column 'regoin'",
            "position 30: column 'quantity' is INTEGER and cannot be compared with the string 'x'",
            "position 46: booleans have no order: use = or <> on column 'active'");
    assertThatThrownBy(() -> filter.requireValid(ORDERS))
        .isInstanceOfSatisfying(
            RowFilterException.class,
            exception -> {
              assertThat(exception.problems()).hasSize(3);
              assertThat(exception.position()).isEqualTo(1);
              assertThat(exception.reason()).isEqualTo("unknown column 'regoin'");
              assertThat(exception.getMessage())
                  .startsWith("position 1: unknown column 'regoin'; position 30: ");
            });
  }

  @Test
  void requireValidReturnsTheFilterWhenItFits() {
    RowFilter filter = RowFilter.parse("region = 'eu'");

    assertThat(filter.requireValid(ORDERS)).isSameAs(filter);
  }

  @Test
  void treesBuiltInCodeReportPositionsInTheirCanonicalText() {
    RowFilter filter =
        RowFilter.of(
            new And(
                new Comparison(
                    new Column("region"), ComparisonOperator.EQUAL, new StringLiteral("eu")),
                new Comparison(
                    new Column("quantity"), ComparisonOperator.EQUAL, new StringLiteral("x"))));

    assertThat(filter.toSqlText()).isEqualTo("\"region\" = 'eu' AND \"quantity\" = 'x'");
    assertThat(filter.check(ORDERS))
        .containsExactly(
            new RowFilterProblem(
                34, "column 'quantity' is INTEGER and cannot be compared with the string 'x'"));
    assertThat(
            RowFilter.of(
                    new Comparison(
                        new Column("nowhere"), ComparisonOperator.EQUAL, new IntegerLiteral(1)))
                .check(ORDERS))
        .containsExactly(new RowFilterProblem(1, "unknown column 'nowhere'"));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          boolean            | BOOLEAN
          int                | INTEGER
          long               | INTEGER
          float              | FLOAT
          double             | FLOAT
          decimal(10,2)      | DECIMAL
          Decimal(38, 0)     | DECIMAL
          string             | STRING
          date               | DATE
          timestamp          | TIMESTAMP
          timestamptz        | OTHER
          time               | OTHER
          uuid               | OTHER
          binary             | OTHER
          list<string>       | OTHER
          map<string,long>   | OTHER
          struct<a:int>      | OTHER
          """)
  void mapsIcebergTypes(String icebergType, ColumnKind kind) {
    assertThat(ColumnKind.ofIcebergType(icebergType)).isEqualTo(kind);
  }

  @Test
  void listsOnlyColumnsThatExist() {
    assertThat(RowFilter.parse("a = 1 OR b = 2").check(Map.of("a", ColumnKind.INTEGER)))
        .isEqualTo(List.of(new RowFilterProblem(10, "unknown column 'b'")));
  }
}
