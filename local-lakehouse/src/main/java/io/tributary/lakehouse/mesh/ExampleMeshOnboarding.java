package io.tributary.lakehouse.mesh;

import io.tributary.lakehouse.LakehouseSettings;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Properties;
import java.util.function.Supplier;

/**
 * What {@code up} does once the stack serves, so that a new user finds something to look at:
 * applies the example mesh in {@code data-products/} through the platform API and loads sample rows
 * into its tables the first time. {@link PersonaCheatSheet} then says who to try it as.
 *
 * <p>Every declaration is applied on every {@code up}: the API treats an unchanged declaration as a
 * no-op, and an edited example is picked up without a flag.
 */
public final class ExampleMeshOnboarding {

  private static final String INDENT = "    ";

  private final LakehouseSettings settings;
  private final Path meshFolder;
  private final Supplier<String> adminToken;
  private final Supplier<String> serviceToken;
  private final PrintStream out;

  /**
   * @param meshFolder the {@code data-products/} folder of the working copy
   * @param adminToken a token of a member of {@value PersonaCheatSheet#ADMIN_GROUP}, which may
   *     onboard domains
   * @param serviceToken a token of the service user, which may write every table
   */
  public ExampleMeshOnboarding(
      LakehouseSettings settings,
      Path meshFolder,
      Supplier<String> adminToken,
      Supplier<String> serviceToken,
      PrintStream out) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.meshFolder = Objects.requireNonNull(meshFolder, "meshFolder");
    this.adminToken = Objects.requireNonNull(adminToken, "adminToken");
    this.serviceToken = Objects.requireNonNull(serviceToken, "serviceToken");
    this.out = Objects.requireNonNull(out, "out");
  }

  /**
   * Applies the declarations and loads the sample rows, showing progress.
   *
   * @return whether everything went through; the stack keeps running either way
   */
  public boolean run() {
    if (!Files.isDirectory(meshFolder)) {
      out.println("  No example mesh at " + meshFolder + "; nothing to onboard.");
      return true;
    }
    out.println("  Applying the example mesh (" + meshFolder + ") ...");
    List<DeclarationDocument> declarations = DeclarationFiles.read(meshFolder);
    PlatformApiClient client = new PlatformApiClient(URI.create(settings.apiUri()), adminToken);
    DeclarationApplier.Report applied =
        new DeclarationApplier(client, out, INDENT).apply(declarations);

    out.println("  Loading sample rows through Trino (first start only) ...");
    boolean loaded = loadSampleRows(declarations);

    boolean refreshed = refreshDerivedProducts(client, declarations);
    return applied.succeeded() && loaded && refreshed;
  }

  /**
   * Derived products get no sample rows: the platform refreshes them from their inputs. One run
   * each now, after the sample rows, so {@code up} shows them filled; the scheduler keeps them so.
   */
  private boolean refreshDerivedProducts(
      PlatformApiClient client, List<DeclarationDocument> declarations) {
    List<DeclarationDocument> derived =
        declarations.stream()
            .filter(DeclarationDocument::isDataProduct)
            .filter(
                document ->
                    document
                        .tree()
                        .path("spec")
                        .path("source")
                        .path("type")
                        .asText("")
                        .equals("sql"))
            .toList();
    if (derived.isEmpty()) {
      return true;
    }
    out.println("  Refreshing the derived products ...");
    boolean succeeded = true;
    for (DeclarationDocument document : derived) {
      com.fasterxml.jackson.databind.JsonNode run =
          client.refresh(document.domain(), document.name());
      String status = run.path("status").asText("unknown");
      String error = run.path("error").asText(run.path("detail").asText(""));
      String quality = status.equals("succeeded") ? quality(client, document) : "";
      out.println(
          INDENT
              + document.qualifiedName()
              + ": "
              + status
              + (run.has("rowCount") ? ", " + run.path("rowCount").asLong() + " rows" : "")
              + (run.has("durationMillis")
                  ? String.format(
                      Locale.ROOT, " (%.1f s)", run.path("durationMillis").asLong() / 1000.0)
                  : "")
              + (error.isBlank() ? "" : ": " + error)
              + quality);
      succeeded &= status.equals("succeeded");
    }
    return succeeded;
  }

  /** "; quality ok", or the status and its first reason, of checks run on the fresh rows. */
  private static String quality(PlatformApiClient client, DeclarationDocument document) {
    com.fasterxml.jackson.databind.JsonNode evaluation =
        client.evaluateQuality(document.domain(), document.name());
    String status = evaluation.path("status").asText("unknown");
    com.fasterxml.jackson.databind.JsonNode reason = evaluation.path("reasons").path(0);
    return "; quality "
        + status
        + (reason.isMissingNode()
            ? ""
            : " (" + reason.path("check").asText() + ": " + reason.path("message").asText() + ")");
  }

  private boolean loadSampleRows(List<DeclarationDocument> declarations) {
    Properties properties = new Properties();
    properties.setProperty("user", LakehouseSettings.SERVICE_USER);
    properties.setProperty("accessToken", serviceToken.get());
    try (Connection connection = DriverManager.getConnection(settings.trinoJdbcUrl(), properties)) {
      List<SampleTable> tables =
          new SampleDataGenerator(SampleDataGenerator.DEFAULT_SEED, Instant.now()).generate();
      int failed =
          new SampleDataLoader(
                  connection,
                  LakehouseSettings.CATALOG,
                  out,
                  INDENT,
                  InsertStatements.DEFAULT_BATCH_SIZE)
              .load(tables, declarations);
      return failed == 0;
    } catch (SQLException failure) {
      out.println(INDENT + "cannot connect to Trino: " + failure.getMessage());
      return false;
    }
  }
}
