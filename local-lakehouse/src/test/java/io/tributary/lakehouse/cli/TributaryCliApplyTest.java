package io.tributary.lakehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.lakehouse.LakehouseSettings;
import io.tributary.lakehouse.mesh.RecordingApiServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./tributary apply} as the script runs it: settings, the admin token, the exit code. */
class TributaryCliApplyTest {

  private static final String SUCCEEDED =
      """
      {"id": "run-1", "status": "succeeded",
       "plan": [{"action": "create-namespace", "target": "sales", "detail": "Iceberg namespace"}],
       "log": [], "error": null}
      """;

  @TempDir Path state;
  @TempDir Path declarations;

  private RecordingApiServer server;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeEach
  void startServer() throws IOException {
    server = new RecordingApiServer();
    Files.writeString(
        declarations.resolve("domain.yaml"),
        "apiVersion: tributary.io/v1\nkind: Domain\nmetadata: {name: sales}\n");
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  private int tributary(String... arguments) {
    LakehouseSettings settings =
        LakehouseSettings.fromEnvironment(
            Map.of(
                "TRIBUTARY_HOME",
                state.toString(),
                "TRIBUTARY_API_PORT",
                Integer.toString(server.port())),
            Path.of("/work/repository"),
            Path.of("/work/repository/local-lakehouse/target/distribution"));
    return new TributaryCli(
            settings,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8))
        .execute(arguments);
  }

  @Test
  void appliesAsTheAdminPersonaAndExitsZeroWhenAllSucceed() throws IOException {
    server.succeeds("/api/v1/domains/sales", 201, "domain", 1, SUCCEEDED);

    int exitCode = tributary("apply", declarations.toString());

    assertThat(exitCode).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("  + create-namespace sales: Iceberg namespace", "Applied 1 declaration.");
    String token = server.requests().getFirst().authorization().substring("Bearer ".length());
    JsonNode claims =
        new ObjectMapper().readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
    assertThat(claims.path("sub").asText()).isEqualTo("admin");
    assertThat(claims.path("groups").get(0).asText()).isEqualTo("platform-admins");
    assertThat(state.resolve("keys/jwt-private.pem")).isRegularFile();
  }

  @Test
  void exitsOneWhenADeclarationIsRefused() {
    server.refuses(
        "/api/v1/domains/sales",
        403,
        """
        {"type": "about:blank", "title": "Forbidden", "status": 403,
         "detail": "only platform-admins onboard domains", "errors": []}
        """);

    assertThat(tributary("apply", declarations.resolve("domain.yaml").toString())).isEqualTo(1);
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains(
            "  refused: 403 only platform-admins onboard domains", "All 1 declaration failed.");
  }

  @Test
  void applyNeedsAPathAndTheUsageNamesIt() {
    assertThatThrownBy(() -> tributary("apply"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("./tributary apply data-products");
    assertThat(tributary("help")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("apply <file-or-folder>...");
  }
}
