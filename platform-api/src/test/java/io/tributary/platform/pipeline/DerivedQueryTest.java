package io.tributary.platform.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.platform.declaration.DataProduct;
import io.tributary.platform.declaration.DeclarationParser;
import io.tributary.platform.declaration.ProductReference;
import io.tributary.platform.declaration.Source;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The declaration-time check of a derived product's query, and how inputs are pinned. */
class DerivedQueryTest {
  private static final List<ProductReference> INPUTS =
      List.of(ProductReference.parse("sales.orders"), ProductReference.parse("sales.products"));

  @Test
  void qualifiesAndPinsEveryInputAndLeavesEverythingElseAsWritten() {
    DerivedQuery query =
        DerivedQuery.parse(
            "WITH sold AS (SELECT o.sku, count(*) AS n FROM sales.orders o GROUP BY o.sku)\n"
                + "SELECT p.sku, 'from sales.orders' AS note, s.n -- FROM other.table\n"
                + "FROM sales.products AS p LEFT JOIN sold s ON s.sku = p.sku;",
            INPUTS);

    assertThat(query.tablesRead()).containsExactlyInAnyOrder("sales.orders", "sales.products");
    Map<String, Long> snapshots = new HashMap<>();
    snapshots.put("sales.orders", 42L);
    snapshots.put("sales.products", null);
    assertThat(query.pinned("lakehouse", snapshots))
        .isEqualTo(
            "WITH sold AS (SELECT o.sku, count(*) AS n FROM \"lakehouse\".\"sales\".\"orders\""
                + " FOR VERSION AS OF 42 o GROUP BY o.sku)\n"
                + "SELECT p.sku, 'from sales.orders' AS note, s.n -- FROM other.table\n"
                + "FROM \"lakehouse\".\"sales\".\"products\" AS p LEFT JOIN sold s ON s.sku ="
                + " p.sku");
  }

  @Test
  void commaSeparatedRelationsUnnestAndExpressionsWithFromAreUnderstood() {
    DerivedQuery query =
        DerivedQuery.parse(
            "SELECT extract(year FROM o.ordered_at), substring(p.name FROM 1 FOR 3), line.sku"
                + " FROM sales.orders o CROSS JOIN UNNEST(o.lines) AS line (sku, quantity, price),"
                + " \"sales\".\"products\" p WHERE o.a IS DISTINCT FROM p.b",
            INPUTS);

    assertThat(query.tablesRead()).containsExactlyInAnyOrder("sales.orders", "sales.products");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "SELECT * FROM sales.customers",
        "SELECT * FROM sales.orders JOIN finance.invoices i ON true",
        "SELECT * FROM sales.orders, secret",
        "SELECT * FROM sales.orders o JOIN sales.products p ON o.sku = p.sku, hr.salaries",
        "SELECT * FROM (TABLE hr.salaries)",
        "SELECT sku FROM sales.orders UNION TABLE hr.salaries",
        "SELECT (SELECT max(pay) FROM hr.salaries) FROM sales.orders",
        "SELECT * FROM json_table('[]', 'lax $' COLUMNS (a varchar PATH 'lax $.a'))",
        "SELECT * FROM (SELECT * FROM hr.salaries) s",
        "SELECT * FROM lakehouse.sales.orders",
        "SELECT * FROM system.runtime.queries",
        "SELECT * FROM TABLE(system.query(query => 'SELECT 1'))",
        "SELECT * FROM sales.orders; DROP TABLE sales.orders",
        "DELETE FROM sales.orders",
        "INSERT INTO sales.orders SELECT * FROM sales.orders",
        "SELECT * FROM \"sales\".\"orders$snapshots\"",
        "SELECT 'unterminated FROM sales.orders",
        ""
      })
  void refusesAnythingButOneSelectOverDeclaredInputs(String text) {
    assertThatThrownBy(() -> DerivedQuery.parse(text, INPUTS))
        .isInstanceOf(DerivedQuery.InvalidQueryException.class)
        .hasMessageStartingWith("the query");
  }

  @ParameterizedTest
  @ValueSource(strings = {"analytics/product_revenue.yaml", "marketing/sessions.yaml"})
  void theExampleMeshQueriesReadExactlyTheirInputs(String file) throws Exception {
    DataProduct product =
        new DeclarationParser()
            .parseDataProduct(Files.readString(Path.of("..", "data-products", file)));
    Source.Sql sql = (Source.Sql) product.spec().source();

    DerivedQuery query = DerivedQuery.parse(sql.query(), sql.inputs());

    assertThat(query.tablesRead())
        .containsExactlyInAnyOrderElementsOf(
            sql.inputs().stream().map(ProductReference::toString).toList());
  }
}
