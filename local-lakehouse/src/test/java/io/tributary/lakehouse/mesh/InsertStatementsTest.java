package io.tributary.lakehouse.mesh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InsertStatementsTest {

  private static final List<DeclaredColumn> COLUMNS =
      List.of(
          new DeclaredColumn("customer_id", DeclaredType.parse("long"), true),
          new DeclaredColumn("full_name", DeclaredType.parse("string"), true),
          new DeclaredColumn("phone", DeclaredType.parse("string"), false));

  private static Map<String, Object> row(long id, String name, String phone) {
    Map<String, Object> row = new HashMap<>();
    row.put("customer_id", id);
    row.put("full_name", name);
    row.put("phone", phone);
    return row;
  }

  @Test
  void rowsGoInBatchesWithEveryColumnInDeclaredOrder() {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int index = 0; index < 1_201; index++) {
      rows.add(row(index, "Customer " + index, null));
    }

    List<String> statements =
        InsertStatements.of(
            "lakehouse", new SampleTable("customers", "profiles", rows), COLUMNS, 500);

    assertThat(statements).hasSize(3);
    assertThat(statements)
        .allSatisfy(
            statement ->
                assertThat(statement)
                    .startsWith(
                        "INSERT INTO \"lakehouse\".\"customers\".\"profiles\" (\"customer_id\","
                            + " \"full_name\", \"phone\") VALUES\n(")
                    .doesNotEndWith(","));
    assertThat(statements.get(0).lines().count()).isEqualTo(501);
    assertThat(statements.get(2).lines().count()).isEqualTo(202);
    assertThat(statements.get(2)).endsWith("(1200, 'Customer 1200', NULL)");
  }

  @Test
  void quotesInValuesAreEscaped() {
    List<String> statements =
        InsertStatements.of(
            "lakehouse",
            new SampleTable(
                "customers",
                "profiles",
                List.of(row(1, "Siobhán O'Brien", "+44 7'; DROP TABLE x; --"))),
            COLUMNS,
            500);

    assertThat(statements)
        .containsExactly(
            "INSERT INTO \"lakehouse\".\"customers\".\"profiles\" (\"customer_id\", \"full_name\","
                + " \"phone\") VALUES\n(1, 'Siobhán O''Brien', '+44 7''; DROP TABLE x; --')");
  }

  @Test
  void rowsThatDoNotFitTheDeclarationAreRefused() {
    SampleTable missingName = new SampleTable("customers", "profiles", List.of(row(1, null, null)));
    assertThatThrownBy(() -> InsertStatements.of("lakehouse", missingName, COLUMNS, 500))
        .hasMessage("row 0 of customers.profiles has no value for the required column 'full_name'");

    Map<String, Object> extra = row(1, "Ana", null);
    extra.put("shoe_size", 38);
    SampleTable undeclared = new SampleTable("customers", "profiles", List.of(extra));
    assertThatThrownBy(() -> InsertStatements.of("lakehouse", undeclared, COLUMNS, 500))
        .hasMessageContaining("'shoe_size' that is not declared");

    SampleTable wrongType = new SampleTable("customers", "profiles", List.of(row(1, "Ana", null)));
    wrongType.rows().getFirst().put("phone", Instant.EPOCH);
    assertThatThrownBy(() -> InsertStatements.of("lakehouse", wrongType, COLUMNS, 500))
        .hasMessageStartingWith("row 0 of customers.profiles, column 'phone': a Instant value");
  }

  @Test
  void theWholeSampleRendersForTheExampleMesh() {
    List<DeclarationDocument> declarations =
        DeclarationFiles.read(DeclarationFilesTest.EXAMPLE_MESH);
    List<SampleTable> tables =
        new SampleDataGenerator(
                SampleDataGenerator.DEFAULT_SEED, Instant.parse("2026-03-15T10:30:00Z"))
            .generate();

    for (SampleTable table : tables) {
      DeclarationDocument product =
          declarations.stream()
              .filter(document -> document.qualifiedName().equals(table.qualifiedName()))
              .findFirst()
              .orElseThrow();
      List<String> statements =
          InsertStatements.of(
              "lakehouse", table, DeclaredColumn.of(product), InsertStatements.DEFAULT_BATCH_SIZE);
      assertThat(statements).hasSize((table.rows().size() + 499) / 500);
      assertThat(statements)
          .allSatisfy(statement -> assertThat(statement.length()).isLessThan(400_000));
    }
  }
}
