package io.tributary.lakehouse.mesh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeclarationFilesTest {

  /** Tests run in the module's folder; the example mesh is at the repository root. */
  static final Path EXAMPLE_MESH = Path.of("..", "data-products").toAbsolutePath().normalize();

  @TempDir Path folder;

  static String domain(String name) {
    return """
        apiVersion: tributary.io/v1
        kind: Domain
        metadata: {name: %s}
        spec: {owners: [%s-owners], costs: {monthlyBudgetUsd: 1, maxBytesScannedPerQuery: 1}}
        """
        .formatted(name, name);
  }

  static String product(String domain, String name) {
    return """
        apiVersion: tributary.io/v1
        kind: DataProduct
        metadata: {domain: %s, name: %s, version: 1.0.0}
        spec:
          zone: raw
          table: {columns: [{name: id, type: long, required: true}]}
          source: {type: ingest}
        """
        .formatted(domain, name);
  }

  private Path write(String path, String text) throws IOException {
    Path file = folder.resolve(path);
    Files.createDirectories(file.getParent());
    return Files.writeString(file, text);
  }

  @Test
  void aFolderGivesDomainFilesFirstThenProductsSortedByPath() throws IOException {
    write("sales/orders.yaml", product("sales", "orders"));
    write("sales/domain.yaml", domain("sales"));
    write("customers/profiles.yaml", product("customers", "profiles"));
    write("customers/domain.yaml", domain("customers"));
    write("sales/README.md", "not a declaration");
    write("sales/.hidden.yaml", "not read either");

    List<DeclarationDocument> documents = DeclarationFiles.read(folder);

    assertThat(documents)
        .extracting(document -> document.kind() + " " + document.qualifiedName())
        .containsExactly(
            "Domain customers",
            "Domain sales",
            "DataProduct customers.profiles",
            "DataProduct sales.orders");
    assertThat(documents.getFirst().source()).isEqualTo(folder.resolve("customers/domain.yaml"));
  }

  @Test
  void aDerivedProductComesAfterTheProductsItReadsWhateverTheirPaths() throws IOException {
    write("analytics/domain.yaml", domain("analytics"));
    write(
        "analytics/top.yaml",
        derived("analytics", "top", "[analytics.revenue]", "SELECT * FROM analytics.revenue"));
    write(
        "analytics/revenue.yaml",
        derived("analytics", "revenue", "[sales.orders]", "SELECT * FROM sales.orders"));
    write("sales/domain.yaml", domain("sales"));
    write("sales/orders.yaml", product("sales", "orders"));

    assertThat(DeclarationFiles.read(folder))
        .extracting(DeclarationDocument::qualifiedName)
        .containsExactly(
            "analytics", "sales", "sales.orders", "analytics.revenue", "analytics.top");
  }

  @Test
  void theExampleMeshDeclaresEachDerivedProductAfterItsInputs() {
    List<String> order =
        DeclarationFiles.read(EXAMPLE_MESH).stream()
            .map(DeclarationDocument::qualifiedName)
            .toList();

    assertThat(order.indexOf("analytics.product_revenue"))
        .isGreaterThan(order.indexOf("sales.orders"))
        .isGreaterThan(order.indexOf("sales.products"));
    assertThat(order.indexOf("marketing.sessions"))
        .isGreaterThan(order.indexOf("marketing.web_events"));
  }

  static String derived(String domain, String name, String inputs, String query) {
    return """
        apiVersion: tributary.io/v1
        kind: DataProduct
        metadata: {domain: %s, name: %s, version: 1.0.0}
        spec:
          zone: curated
          table: {columns: [{name: id, type: long, required: true}]}
          source: {type: sql, inputs: %s, query: "%s", schedule: PT1H}
        """
        .formatted(domain, name, inputs, query);
  }

  @Test
  void aFileHoldsSeveralDocumentsSentAsWrittenWithDomainsFirst() throws IOException {
    Path file =
        write(
            "mesh.yaml",
            "# the orders first, by mistake\n"
                + product("sales", "orders")
                + "--- # the domain\n"
                + domain("sales")
                + "---\n# only a comment\n---\n"
                + product("sales", "products"));

    List<DeclarationDocument> documents = DeclarationFiles.read(file);

    assertThat(documents)
        .extracting(DeclarationDocument::qualifiedName)
        .containsExactly("sales", "sales.orders", "sales.products");
    assertThat(documents).extracting(DeclarationDocument::position).containsExactly(2, 1, 4);
    assertThat(documents.get(1).text())
        .startsWith(
            "# the orders first, by mistake\napiVersion: tributary.io/v1\nkind: DataProduct")
        .doesNotContain("---");
    assertThat(documents.get(1).location()).isEqualTo(file.toString());
    assertThat(documents.get(2).location()).isEqualTo(file + " (document 4)");
  }

  @Test
  void severalPathsGiveEveryDomainBeforeAnyProduct() throws IOException {
    Path orders = write("orders.yaml", product("sales", "orders"));
    Path domain = write("sales/domain.yaml", domain("sales"));

    assertThat(DeclarationFiles.read(List.of(orders, domain.getParent())))
        .extracting(DeclarationDocument::qualifiedName)
        .containsExactly("sales", "sales.orders");
  }

  @Test
  void jsonArraysAreSplitIntoTheirDeclarations() throws IOException {
    Path file =
        write(
            "mesh.json",
            """
            [{"apiVersion": "tributary.io/v1", "kind": "Domain", "metadata": {"name": "sales"}},
             {"apiVersion": "tributary.io/v1", "kind": "DataProduct",
              "metadata": {"domain": "sales", "name": "orders"}}]
            """);

    List<DeclarationDocument> documents = DeclarationFiles.read(file);

    assertThat(documents)
        .extracting(DeclarationDocument::qualifiedName)
        .containsExactly("sales", "sales.orders");
    assertThat(documents).allSatisfy(document -> assertThat(document.isJson()).isTrue());
  }

  @Test
  void documentsThatCannotBeRoutedSayWhy() throws IOException {
    Path file =
        write(
            "bad.yaml",
            "kind: Table\nmetadata: {name: x}\n---\nkind: DataProduct\nmetadata: {name: orders}\n"
                + "---\nkind: Domain\nmetadata: {name: [not, a, name]}\n---\nkey: [unclosed\n");

    List<DeclarationDocument> documents = DeclarationFiles.read(file);

    // The domain goes first, as domains always do; the others keep their order.
    assertThat(documents)
        .extracting(document -> document.unroutable().orElse(""))
        .satisfiesExactly(
            domain -> assertThat(domain).isEqualTo("metadata.name is missing or not a name: ''"),
            table ->
                assertThat(table).isEqualTo("kind must be Domain or DataProduct, found 'Table'"),
            product ->
                assertThat(product).isEqualTo("metadata.domain is missing or not a name: ''"),
            unreadable -> assertThat(unreadable).startsWith("not valid YAML: "));
  }

  @Test
  void aMissingPathOrAnEmptyFolderIsNamed() {
    assertThatThrownBy(() -> DeclarationFiles.read(folder.resolve("nowhere")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageEndingWith("nowhere does not exist");
    assertThatThrownBy(() -> DeclarationFiles.read(folder))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("holds no declaration");
  }

  @Test
  void theExampleMeshIsReadInApplyOrder() {
    List<DeclarationDocument> documents = DeclarationFiles.read(EXAMPLE_MESH);

    assertThat(documents)
        .extracting(document -> document.kind() + " " + document.qualifiedName())
        .containsExactly(
            "Domain analytics",
            "Domain customers",
            "Domain marketing",
            "Domain sales",
            "DataProduct customers.profiles",
            "DataProduct marketing.web_events",
            "DataProduct sales.orders",
            "DataProduct sales.products",
            "DataProduct analytics.product_revenue",
            "DataProduct marketing.sessions");
    assertThat(documents).allSatisfy(document -> assertThat(document.unroutable()).isEmpty());
  }
}
