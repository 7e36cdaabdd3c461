package io.tributary.lakehouse.mesh;

import static io.tributary.lakehouse.mesh.DeclarationFilesTest.domain;
import static io.tributary.lakehouse.mesh.DeclarationFilesTest.product;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code apply} against a real HTTP server answering as the API contract says. */
class DeclarationApplierTest {

  private static final String DOMAIN_RUN =
      """
      {"id": "run-1", "status": "succeeded",
       "plan": [{"action": "create-namespace", "target": "sales", "detail": "Iceberg namespace"},
                {"action": "update-grants", "target": "sales", "detail": null}],
       "log": ["namespace sales created"], "error": null}
      """;

  private static final String ORDERS_RUN =
      """
      {"id": "run-2", "status": "succeeded",
       "plan": [{"action": "create-table", "target": "sales.orders",
                 "detail": "7 columns, partitioned by day(ordered_at)"}],
       "log": [], "error": null}
      """;

  private static final String PROBLEM =
      """
      {"type": "https://tributary.io/problems/invalid-declaration",
       "title": "Invalid declaration", "status": 422,
       "detail": "2 problems in the declaration",
       "errors": [{"pointer": "/spec/table/columns/0/type", "message": "unknown type 'strng'"},
                  {"pointer": "", "message": "the declaration is empty"}]}
      """;

  @TempDir Path folder;

  private RecordingApiServer server;
  private final ByteArrayOutputStream output = new ByteArrayOutputStream();

  @BeforeEach
  void startServer() throws IOException {
    server = new RecordingApiServer();
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  private DeclarationApplier.Report apply(Path path) {
    PlatformApiClient client = new PlatformApiClient(server.uri(), () -> "the-token");
    PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8);
    return new DeclarationApplier(client, out, "").apply(DeclarationFiles.read(path));
  }

  private String printed() {
    return output.toString(StandardCharsets.UTF_8);
  }

  @Test
  void appliesDomainsThenProductsAndPrintsPlansAndResults() throws IOException {
    Files.createDirectories(folder.resolve("sales"));
    Path orders =
        Files.writeString(folder.resolve("sales/orders.yaml"), product("sales", "orders"));
    Path domain = Files.writeString(folder.resolve("sales/domain.yaml"), domain("sales"));
    server
        .succeeds("/api/v1/domains/sales", 201, "domain", 1, DOMAIN_RUN)
        .succeeds("/api/v1/domains/sales/products/orders", 200, "product", 3, ORDERS_RUN);

    DeclarationApplier.Report report = apply(folder);

    assertThat(report.succeeded()).isTrue();
    assertThat(server.requests())
        .extracting(request -> request.method() + " " + request.path())
        .containsExactly("PUT /api/v1/domains/sales", "PUT /api/v1/domains/sales/products/orders");
    assertThat(server.requests())
        .allSatisfy(
            request -> {
              assertThat(request.contentType()).isEqualTo("application/yaml");
              assertThat(request.authorization()).isEqualTo("Bearer the-token");
              assertThat(request.query()).isNull();
            });
    assertThat(server.requests().get(0).body()).isEqualTo(Files.readString(domain));
    assertThat(server.requests().get(1).body()).isEqualTo(Files.readString(orders));
    assertThat(printed())
        .isEqualTo(
            """
            Domain sales  (%s)
              + create-namespace sales: Iceberg namespace
              ~ update-grants sales
              succeeded (revision 1, run run-1)
            DataProduct sales.orders  (%s)
              + create-table sales.orders: 7 columns, partitioned by day(ordered_at)
              succeeded (revision 3, run run-2)
            Applied 2 declarations.
            """
                .formatted(domain, orders));
  }

  @Test
  void printsTheProblemOfARefusedDeclarationAndCarriesOn() throws IOException {
    Path file =
        Files.writeString(
            folder.resolve("mesh.yaml"),
            domain("sales")
                + "---\n"
                + product("sales", "orders")
                + "---\n"
                + product("sales", "products"));
    server
        .succeeds(
            "/api/v1/domains/sales",
            200,
            "domain",
            2,
            """
            {"id": "run-1", "status": "succeeded", "plan": [], "log": [], "error": null}
            """)
        .refuses("/api/v1/domains/sales/products/orders", 422, PROBLEM)
        .succeeds(
            "/api/v1/domains/sales/products/products",
            201,
            "product",
            1,
            ORDERS_RUN.replace("sales.orders", "sales.products"));

    DeclarationApplier.Report report = apply(file);

    assertThat(report).isEqualTo(new DeclarationApplier.Report(3, 1));
    assertThat(server.requests()).hasSize(3);
    assertThat(printed())
        .isEqualTo(
            """
            Domain sales  (%1$s)
              (no changes)
              succeeded (revision 2, run run-1)
            DataProduct sales.orders  (%1$s (document 2))
              refused: 422 2 problems in the declaration
                /spec/table/columns/0/type: unknown type 'strng'
                (document): the declaration is empty
            DataProduct sales.products  (%1$s (document 3))
              + create-table sales.products: 7 columns, partitioned by day(ordered_at)
              succeeded (revision 1, run run-2)
            1 of 3 declarations failed; the others were applied.
            """
                .formatted(file));
  }

  @Test
  void aFailedRunFailsTheApplyAndShowsItsErrorAndLog() throws IOException {
    Path file = Files.writeString(folder.resolve("domain.yaml"), domain("sales"));
    server.succeeds(
        "/api/v1/domains/sales",
        201,
        "domain",
        1,
        """
        {"id": "run-9", "status": "failed",
         "plan": [{"action": "create-namespace", "target": "sales", "detail": ""}],
         "log": ["creating namespace sales", "S3 refused the write"],
         "error": "the catalog is unreachable"}
        """);

    DeclarationApplier.Report report = apply(file);

    assertThat(report.succeeded()).isFalse();
    assertThat(printed())
        .contains(
            """
              + create-namespace sales
              failed (revision 1, run run-9)
              error: the catalog is unreachable
                | creating namespace sales
                | S3 refused the write
            All 1 declaration failed.
            """);
  }

  @Test
  void anApiThatIsNotThereIsNamed() throws IOException {
    Path file = Files.writeString(folder.resolve("domain.yaml"), domain("sales"));
    URI nowhere = server.uri();
    server.close();

    PlatformApiClient client = new PlatformApiClient(nowhere, () -> "the-token");
    DeclarationApplier.Report report =
        new DeclarationApplier(client, new PrintStream(output, true, StandardCharsets.UTF_8), "  ")
            .apply(DeclarationFiles.read(file));

    assertThat(report.succeeded()).isFalse();
    assertThat(printed())
        .contains("    refused: cannot connect to the platform API at " + nowhere)
        .endsWith("  All 1 declaration failed.\n");
  }

  @Test
  void jsonDeclarationsAreSentAsJson() throws IOException {
    Path file =
        Files.writeString(
            folder.resolve("domain.json"),
            "{\"apiVersion\": \"tributary.io/v1\", \"kind\": \"Domain\", \"metadata\": {\"name\": \"sales\"}}");
    server.succeeds("/api/v1/domains/sales", 200, "domain", 1, DOMAIN_RUN);

    apply(file);

    assertThat(server.requests().getFirst().contentType()).isEqualTo("application/json");
  }
}
