package io.tributary.platform.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.platform.declaration.Column;
import io.tributary.platform.declaration.ColumnType;
import io.tributary.platform.declaration.Source;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Which statements each kind of refresh takes; that they do what they say on a real engine is
 * {@link DerivedProductsTest}'s (Trino) and {@code AthenaPipelinesTest}'s (Athena's protocol).
 */
class RefreshStatementsTest {
  private static final String TABLE = "\"lakehouse\".\"sales\".\"lines\"";
  private static final String QUERY = "SELECT sku, amount FROM \"lakehouse\".\"sales\".\"orders\"";

  private static Column column(String name, String type) {
    return new Column(name, ColumnType.parse(type), false, Optional.empty(), Optional.empty());
  }

  private static List<RefreshStatements.Kind> kinds(
      List<Column> columns, List<String> key, Source.Refresh refresh) {
    return RefreshStatements.of(TABLE, columns, key, refresh, QUERY).stream()
        .map(RefreshStatements.Statement::kind)
        .toList();
  }

  @Test
  void everyRefreshOfComparableColumnsIsOneMerge() {
    List<Column> columns = List.of(column("sku", "string"), column("amount", "decimal(12,2)"));
    assertThat(kinds(columns, List.of("sku"), Source.Refresh.MERGE))
        .containsExactly(RefreshStatements.Kind.MERGE);
    assertThat(kinds(columns, List.of("sku"), Source.Refresh.FULL))
        .containsExactly(RefreshStatements.Kind.MERGE);
    assertThat(kinds(columns, List.of(), Source.Refresh.FULL))
        .containsExactly(RefreshStatements.Kind.MERGE);
  }

  @Test
  void aKeylessFullRefreshMatchesOnlyTheTablesDistinctRowsOnEveryColumnNullsIncluded() {
    String merge =
        RefreshStatements.of(
                TABLE,
                List.of(column("sku", "string"), column("amount", "decimal(12,2)")),
                List.of(),
                Source.Refresh.FULL,
                QUERY)
            .getFirst()
            .sql();
    assertThat(merge)
        .contains("USING (SELECT DISTINCT \"sku\", \"amount\", false AS")
        .contains("UNION ALL SELECT \"sku\", \"amount\", true FROM (" + QUERY + ")")
        .contains(
            "target.\"sku\" IS NOT DISTINCT FROM source.\"sku\" AND"
                + " target.\"amount\" IS NOT DISTINCT FROM source.\"amount\"")
        .contains("WHEN MATCHED THEN DELETE WHEN NOT MATCHED AND source.");
  }

  @Test
  void columnsHoldingMapsCannotBeMatchedSoAKeylessFullRefreshDeletesThenInserts() {
    for (String type :
        List.of("map<string,long>", "list<map<string,long>>", "struct<a:map<string,int>>")) {
      assertThat(RefreshStatements.comparable(ColumnType.parse(type))).as(type).isFalse();
      assertThat(
              kinds(
                  List.of(column("sku", "string"), column("tags", type)),
                  List.of(),
                  Source.Refresh.FULL))
          .as(type)
          .containsExactly(RefreshStatements.Kind.DELETE, RefreshStatements.Kind.INSERT);
    }
    assertThat(RefreshStatements.comparable(ColumnType.parse("struct<a:list<int>>"))).isTrue();
  }

  @Test
  void aMergeRefreshWithoutAKeyIsRefusedByName() {
    assertThatThrownBy(
            () ->
                RefreshStatements.of(
                    TABLE,
                    List.of(column("sku", "string")),
                    List.of(),
                    Source.Refresh.MERGE,
                    QUERY))
        .hasMessageContaining("a merge refresh needs a primary key");
  }
}
