package io.tributary.platform.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.platform.declaration.QualityCheck;
import io.tributary.platform.query.TableReference;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Each check type compiles to one portable query over the pinned snapshot. */
class CheckQueriesTest {
  private static final TableReference ORDERS =
      new TableReference("lakehouse", "sales", "orders", List.of("order_id"));
  private static final OptionalLong SNAPSHOT = OptionalLong.of(8_123_456_789_012_345_678L);
  private static final String PINNED =
      "\"lakehouse\".\"sales\".\"orders\" FOR VERSION AS OF 8123456789012345678";

  @Test
  void notNullCountsTheRowsWithoutAValue() {
    assertThat(CheckQueries.sql(new QualityCheck.NotNull("order_id"), ORDERS, SNAPSHOT))
        .isEqualTo("SELECT count(*) FROM " + PINNED + " WHERE \"order_id\" IS NULL");
  }

  @Test
  void uniqueCountsTheValuesHeldByMoreThanOneRow() {
    assertThat(CheckQueries.sql(new QualityCheck.Unique("order_id"), ORDERS, SNAPSHOT))
        .isEqualTo(
            "SELECT count(*) FROM (SELECT \"order_id\" FROM "
                + PINNED
                + " WHERE \"order_id\" IS NOT NULL GROUP BY \"order_id\" HAVING count(*) > 1)"
                + " duplicated");
  }

  @Test
  void acceptedValuesCountsTheRowsOutsideTheListComparedAsText() {
    assertThat(
            CheckQueries.sql(
                new QualityCheck.AcceptedValues("status", List.of("placed", "shipped")),
                ORDERS,
                SNAPSHOT))
        .isEqualTo(
            "SELECT count(*) FROM "
                + PINNED
                + " WHERE \"status\" IS NOT NULL AND CAST(\"status\" AS varchar)"
                + " NOT IN ('placed', 'shipped')");
  }

  @Test
  void acceptedValuesEscapesQuotesSoAValueCannotEndTheLiteral() {
    String sql =
        CheckQueries.sql(
            new QualityCheck.AcceptedValues(
                "status", List.of("it's", "x') OR 1=1 OR ('", "back\\slash")),
            ORDERS,
            SNAPSHOT);

    assertThat(sql)
        .endsWith("NOT IN ('it''s', 'x'') OR 1=1 OR (''', 'back\\slash')")
        .doesNotContain("'x')");
  }

  @Test
  void anEmptyAcceptedListCountsEveryValue() {
    assertThat(
            CheckQueries.sql(
                new QualityCheck.AcceptedValues("status", List.of()), ORDERS, SNAPSHOT))
        .isEqualTo("SELECT count(*) FROM " + PINNED + " WHERE \"status\" IS NOT NULL");
  }

  @Test
  void rowCountMinCountsTheRows() {
    assertThat(CheckQueries.sql(new QualityCheck.RowCountMin(10), ORDERS, SNAPSHOT))
        .isEqualTo("SELECT count(*) FROM " + PINNED);
  }

  @Test
  void customSqlGetsThePinnedTableForEveryPlaceholder() {
    QualityCheck check =
        new QualityCheck.CustomSql(
            "late_shipments",
            "SELECT count(*) FROM {table} o WHERE o.amount > (SELECT avg(amount) FROM {table})",
            0);

    assertThat(CheckQueries.sql(check, ORDERS, SNAPSHOT))
        .isEqualTo(
            "SELECT count(*) FROM "
                + PINNED
                + " o WHERE o.amount > (SELECT avg(amount) FROM "
                + PINNED
                + ")");
  }

  @Test
  void aTableWithoutSnapshotIsReadWithoutTimeTravel() {
    assertThat(CheckQueries.sql(new QualityCheck.RowCountMin(1), ORDERS, OptionalLong.empty()))
        .isEqualTo("SELECT count(*) FROM \"lakehouse\".\"sales\".\"orders\"");
  }

  @Test
  void columnNamesAreQuotedInTheEnginesLowerCaseSpelling() {
    assertThat(CheckQueries.sql(new QualityCheck.NotNull("Order_Id"), ORDERS, SNAPSHOT))
        .endsWith("WHERE \"order_id\" IS NULL");
  }

  @Test
  void refusesAColumnNameThatIsNotAPlainIdentifier() {
    assertThatThrownBy(
            () ->
                CheckQueries.sql(new QualityCheck.NotNull("id\" IS NULL OR \"x"), ORDERS, SNAPSHOT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cannot be a column name");
  }

  @Test
  void namesEachCheckByTypeAndSubject() {
    assertThat(
            List.of(
                    new QualityCheck.NotNull("a"),
                    new QualityCheck.Unique("b"),
                    new QualityCheck.AcceptedValues("c", List.of("x")),
                    new QualityCheck.RowCountMin(1),
                    new QualityCheck.CustomSql("d", "SELECT 0 FROM {table}", 0))
                .stream()
                .map(CheckQueries::name))
        .containsExactly(
            "not_null:a", "unique:b", "accepted_values:c", "row_count_min", "custom_sql:d");
  }
}
