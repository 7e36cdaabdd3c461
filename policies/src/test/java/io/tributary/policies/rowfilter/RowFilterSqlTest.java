package io.tributary.policies.rowfilter;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class RowFilterSqlTest {
  /** Qualifies every column, as a data endpoint querying {@code FROM product t} would. */
  private static final Function<String, String> QUALIFIED =
      name -> "t.\"" + name.replace("\"", "\"\"") + "\"";

  @Test
  void comparisonBindsItsLiteral() {
    ParameterizedSql sql = RowFilter.parse("region = 'eu'").toTrinoSql(QUALIFIED);

    assertThat(sql.sql()).isEqualTo("(t.\"region\" = ?)");
    assertThat(sql.parameters()).containsExactly("eu");
  }

  @Test
  void everyComparisonOperatorAndLiteralType() {
    ParameterizedSql sql =
        RowFilter.parse(
                "a <> 1 AND b < -2.50 AND c <= TRUE AND d > DATE '2024-01-31'"
                    + " AND e >= TIMESTAMP '2024-01-31 10:00:00.25'")
            .toTrinoSql(QUALIFIED);

    assertThat(sql.sql())
        .isEqualTo(
            "(t.\"a\" <> ? AND t.\"b\" < ? AND t.\"c\" <= ? AND t.\"d\" > ? AND t.\"e\" >= ?)");
    assertThat(sql.parameters())
        .containsExactly(
            1L,
            new BigDecimal("-2.50"),
            true,
            LocalDate.of(2024, 1, 31),
            LocalDateTime.of(2024, 1, 31, 10, 0, 0, 250_000_000));
  }

  @Test
  void inBindsEachLiteralInOrder() {
    ParameterizedSql sql =
        RowFilter.parse("a IN (3, 1, 2) OR b NOT IN ('x')").toTrinoSql(QUALIFIED);

    assertThat(sql.sql()).isEqualTo("(t.\"a\" IN (?, ?, ?) OR t.\"b\" NOT IN (?))");
    assertThat(sql.parameters()).containsExactly(3L, 1L, 2L, "x");
  }

  @Test
  void betweenBindsBothBounds() {
    ParameterizedSql sql =
        RowFilter.parse("a BETWEEN 1 AND 2 AND b NOT BETWEEN 'k' AND 'm'").toTrinoSql(QUALIFIED);

    assertThat(sql.sql()).isEqualTo("(t.\"a\" BETWEEN ? AND ? AND t.\"b\" NOT BETWEEN ? AND ?)");
    assertThat(sql.parameters()).containsExactly(1L, 2L, "k", "m");
  }

  @Test
  void likeBindsItsPattern() {
    ParameterizedSql sql =
        RowFilter.parse("a LIKE 'x%' OR a NOT LIKE '_''y'").toTrinoSql(QUALIFIED);

    assertThat(sql.sql()).isEqualTo("(t.\"a\" LIKE ? OR t.\"a\" NOT LIKE ?)");
    assertThat(sql.parameters()).containsExactly("x%", "_'y");
  }

  @Test
  void isNullBindsNothing() {
    ParameterizedSql sql = RowFilter.parse("a IS NULL OR b IS NOT NULL").toTrinoSql(QUALIFIED);

    assertThat(sql.sql()).isEqualTo("(t.\"a\" IS NULL OR t.\"b\" IS NOT NULL)");
    assertThat(sql.parameters()).isEmpty();
  }

  @Test
  void notAndNestingKeepTheirParentheses() {
    ParameterizedSql sql =
        RowFilter.parse("NOT (a = 1 OR b = 2) AND (c = 3 OR NOT d = 4) OR e = 5 AND f = 6")
            .toTrinoSql(QUALIFIED);

    assertThat(sql.sql())
        .isEqualTo(
            "((NOT (t.\"a\" = ? OR t.\"b\" = ?) AND (t.\"c\" = ? OR NOT (t.\"d\" = ?)))"
                + " OR (t.\"e\" = ? AND t.\"f\" = ?))");
    assertThat(sql.parameters()).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
  }

  @Test
  void userTextNeverReachesTheStatement() {
    ParameterizedSql sql =
        RowFilter.parse("name = 'x''); DROP TABLE orders; --' AND \"we\"\"ird\" = 1").toTrinoSql();

    assertThat(sql.sql()).isEqualTo("(\"name\" = ? AND \"we\"\"ird\" = ?)");
    assertThat(sql.parameters()).containsExactly("x'); DROP TABLE orders; --", 1L);
  }

  @Test
  void canonicalTextWritesEveryLiteralWithItsType() {
    RowFilter filter =
        RowFilter.parse(
            "region in ('eu','it''s') and amount between -1 and 2.50 and not flag = true"
                + " and day >= date '2024-01-01' and at < timestamp '2024-01-01 00:00:00.000100'"
                + " or name not like '%x_' or note is not null");

    assertThat(filter.toSqlText())
        .isEqualTo(
            "(\"region\" IN ('eu', 'it''s') AND \"amount\" BETWEEN -1 AND 2.50 AND NOT (\"flag\" ="
                + " TRUE) AND \"day\" >= DATE '2024-01-01' AND \"at\" < TIMESTAMP '2024-01-01"
                + " 00:00:00.0001') OR \"name\" NOT LIKE '%x_' OR \"note\" IS NOT NULL");
    assertThat(filter.toString()).isEqualTo(filter.toSqlText());
  }

  @Test
  void canonicalTextAndParameterizedSqlAgree() {
    RowFilter filter =
        RowFilter.parse(
            "a IN (1, 2) AND (b LIKE 'x%' OR c BETWEEN DATE '2024-01-01' AND DATE '2025-01-01')");

    assertThat(RoundTripTest.substituteParameters(filter.toTrinoSql()))
        .isEqualTo("(" + filter.toSqlText() + ")");
  }

  @Test
  void parametersAreImmutable() {
    List<Object> parameters = RowFilter.parse("a = 1").toTrinoSql().parameters();

    assertThat(parameters).isUnmodifiable();
  }
}
