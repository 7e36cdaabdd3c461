package io.tributary.lakehouse.component;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.lakehouse.LakehouseSettings;
import io.tributary.lakehouse.Secrets;
import io.tributary.lakehouse.security.SigningKey;
import io.tributary.lakehouse.security.TlsCertificate;
import io.tributary.lakehouse.security.TokenIssuer;
import io.tributary.lakehouse.trino.AccessControlFiles;
import io.tributary.policies.trino.ResourceGroups;
import io.tributary.policies.trino.ResourceGroupsDatabase;
import java.io.IOException;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Trino, single node, with catalog {@code lakehouse} = the Iceberg JDBC catalog on H2 plus native
 * S3 on S3Proxy. Clients reach it over HTTPS only and authenticate with a JWT signed by the local
 * key; file-based access control and the file group provider reload their files every second.
 */
public final class TrinoServer extends ProcessComponent {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String REFRESH_PERIOD = "1s";

  private final LakehouseSettings settings;
  private final Secrets secrets;

  public TrinoServer(LakehouseSettings settings, Secrets secrets) {
    super(settings.layout());
    this.settings = settings;
    this.secrets = secrets;
  }

  @Override
  public String name() {
    return "trino";
  }

  @Override
  public String description() {
    return "Trino " + LakehouseSettings.TRINO_VERSION;
  }

  @Override
  public String url() {
    return settings.trinoUri();
  }

  @Override
  public List<PortUse> ports() {
    return List.of(
        new PortUse(settings.trinoHttpsPort(), "Trino HTTPS", "TRIBUTARY_TRINO_PORT"),
        new PortUse(settings.trinoHttpPort(), "Trino internal HTTP", "TRIBUTARY_TRINO_HTTP_PORT"));
  }

  @Override
  public Duration startTimeout() {
    return Duration.ofMinutes(4);
  }

  private Path etc() {
    return layout.trinoEtc();
  }

  @Override
  protected void prepare() throws IOException {
    Files.createDirectories(etc().resolve("catalog"));

    Map<String, String> config = new LinkedHashMap<>();
    config.put("coordinator", "true");
    config.put("node-scheduler.include-coordinator", "true");
    config.put("node.environment", LakehouseSettings.TRINO_ENVIRONMENT);
    config.put("node.id", "local");
    config.put("plugin.dir", settings.trinoHome().resolve("plugin").toString());
    config.put("catalog.config-dir", etc().resolve("catalog").toString());
    // Plain HTTP carries only the coordinator's calls to itself; clients must use HTTPS.
    config.put("http-server.http.port", Integer.toString(settings.trinoHttpPort()));
    config.put("discovery.uri", "http://127.0.0.1:" + settings.trinoHttpPort());
    config.put("http-server.https.enabled", "true");
    config.put("http-server.https.port", Integer.toString(settings.trinoHttpsPort()));
    config.put("http-server.https.keystore.path", layout.trinoKeystore().toString());
    config.put("http-server.https.keystore.key", secrets.keystorePassword());
    config.put("internal-communication.shared-secret", secrets.trinoSharedSecret());
    config.put("http-server.authentication.type", "JWT");
    config.put("http-server.authentication.jwt.key-file", layout.jwtPublicKey().toString());
    config.put("http-server.authentication.jwt.required-issuer", LakehouseSettings.TOKEN_ISSUER);
    config.put(
        "http-server.authentication.jwt.required-audience", LakehouseSettings.TOKEN_AUDIENCE);
    config.put("http-server.authentication.jwt.principal-field", "sub");
    // Like Lake Formation, SELECT * silently leaves out the columns a user may not see.
    config.put("hide-inaccessible-columns", "true");
    config.put("query.max-memory", "1GB");
    config.put("query.max-memory-per-node", "512MB");
    write(etc().resolve("config.properties"), config);

    write(
        etc().resolve("access-control.properties"),
        Map.of(
            "access-control.name",
            "file",
            "security.config-file",
            layout.accessRules().toString(),
            "security.refresh-period",
            REFRESH_PERIOD));
    AccessControlFiles.ensureRules(layout.accessRules());

    write(
        etc().resolve("group-provider.properties"),
        Map.of(
            "group-provider.name",
            "file",
            "file.group-file",
            layout.groups().toString(),
            "file.refresh-period",
            REFRESH_PERIOD));
    AccessControlFiles.ensureGroups(layout.groups());

    writeResourceGroups();

    write(etc().resolve("log.properties"), Map.of("io.trino", "INFO"));

    Map<String, String> catalog = new LinkedHashMap<>();
    catalog.put("connector.name", "iceberg");
    catalog.put("iceberg.catalog.type", "jdbc");
    catalog.put("iceberg.jdbc-catalog.catalog-name", LakehouseSettings.CATALOG);
    catalog.put("iceberg.jdbc-catalog.driver-class", "org.h2.Driver");
    catalog.put("iceberg.jdbc-catalog.connection-url", settings.catalogJdbcUrl());
    catalog.put("iceberg.jdbc-catalog.connection-user", secrets.catalogUser());
    catalog.put("iceberg.jdbc-catalog.connection-password", secrets.catalogPassword());
    catalog.put("iceberg.jdbc-catalog.default-warehouse-dir", settings.warehouse());
    catalog.put("iceberg.jdbc-catalog.schema-version", "V1");
    catalog.put("fs.native-s3.enabled", "true");
    catalog.put("s3.endpoint", settings.s3Endpoint());
    catalog.put("s3.region", LakehouseSettings.REGION);
    catalog.put("s3.path-style-access", "true");
    catalog.put("s3.aws-access-key", secrets.s3AccessKey());
    catalog.put("s3.aws-secret-key", secrets.s3SecretKey());
    write(etc().resolve("catalog").resolve(LakehouseSettings.CATALOG + ".properties"), catalog);
  }

  /**
   * Trino's {@code db} resource-group manager on the H2 server: unlike the {@code file} manager,
   * which reads its file once, it rereads the tables every second, so the limits the platform
   * writes from the domains' declarations apply without a restart. Before the platform has written
   * any, the base groups (the service user's, and one for everyone else) are put in.
   */
  private void writeResourceGroups() throws IOException {
    Map<String, String> resourceGroups = new LinkedHashMap<>();
    resourceGroups.put("resource-groups.configuration-manager", "db");
    resourceGroups.put("resource-groups.config-db-url", settings.resourceGroupsJdbcUrl());
    resourceGroups.put("resource-groups.config-db-user", secrets.catalogUser());
    resourceGroups.put("resource-groups.config-db-password", secrets.catalogPassword());
    // Its migrations know MySQL, PostgreSQL and Oracle only; the tables are created here.
    resourceGroups.put("resource-groups.db-migrations-enabled", "false");
    resourceGroups.put("resource-groups.refresh-interval", REFRESH_PERIOD);
    write(etc().resolve("resource-groups.properties"), resourceGroups);
    try (Connection connection =
        DriverManager.getConnection(
            settings.resourceGroupsJdbcUrl(), secrets.catalogUser(), secrets.catalogPassword())) {
      ResourceGroupsDatabase.createTables(connection);
      if (!ResourceGroupsDatabase.hasGroups(connection, LakehouseSettings.TRINO_ENVIRONMENT)) {
        ResourceGroupsDatabase.replace(
            connection,
            LakehouseSettings.TRINO_ENVIRONMENT,
            ResourceGroups.withDefaultLimits(LakehouseSettings.SERVICE_USER).base());
      }
    } catch (SQLException e) {
      throw new IOException(
          "Cannot write Trino's resource groups into "
              + settings.resourceGroupsJdbcUrl()
              + ": "
              + e.getMessage(),
          e);
    }
  }

  private static void write(Path file, Map<String, String> values) throws IOException {
    Properties properties = new Properties();
    properties.putAll(values);
    try (Writer writer = Files.newBufferedWriter(file)) {
      properties.store(writer, "Written by the local lakehouse at every start");
    }
    io.tributary.lakehouse.Secrets.restrictToOwner(file);
  }

  @Override
  protected List<String> command() {
    List<String> command = new ArrayList<>();
    command.add(javaExecutable());
    command.addAll(
        List.of(
            "-cp",
            settings.trinoHome().resolve("lib") + "/*",
            "-Xmx" + settings.trinoHeap(),
            "-XX:+UseG1GC",
            "-XX:+ExitOnOutOfMemoryError",
            "-XX:-OmitStackTraceInFastThrow",
            "-XX:ReservedCodeCacheSize=256M",
            "-XX:+EnableDynamicAgentLoading",
            "--enable-native-access=ALL-UNNAMED",
            "--sun-misc-unsafe-memory-access=allow",
            "-Djdk.attach.allowAttachSelf=true",
            "-Djdk.nio.maxCachedBufferSize=2000000",
            "-Dfile.encoding=UTF-8",
            "-Dnode.environment=tributary",
            "-Dconfig=" + etc().resolve("config.properties"),
            "-Dlog.levels-file=" + etc().resolve("log.properties"),
            "io.trino.server.TrinoServer"));
    return command;
  }

  @Override
  protected Path workingDirectory() {
    return layout.trinoDirectory();
  }

  @Override
  public Health probe() {
    if (!Files.exists(layout.trinoCertificate())) {
      return Health.down("no certificate yet");
    }
    javax.net.ssl.SSLContext trust;
    try {
      trust = TlsCertificate.trusting(layout.trinoCertificate());
    } catch (io.tributary.lakehouse.LakehouseException e) {
      return Health.down(e.getMessage());
    }
    try {
      HttpResponse<String> response =
          HttpProbe.get(HttpProbe.client(trust), settings.trinoUri() + "/v1/info");
      if (response.statusCode() != 200) {
        return Health.down("answers HTTP " + response.statusCode());
      }
      JsonNode info = JSON.readTree(response.body());
      if (info.path("starting").asBoolean(true)) {
        return Health.down("starting");
      }
      // The server is up before its node has announced itself; only a query proves it serves.
      String failure = runProbeQuery(HttpProbe.client(trust));
      if (failure != null) {
        return Health.down(failure);
      }
      return Health.up(
          "serving queries, version " + info.path("nodeVersion").path("version").asText());
    } catch (IOException e) {
      return Health.down("no answer: " + HttpProbe.describe(e));
    }
  }

  /**
   * Runs {@code SELECT 1} as the service user over Trino's client protocol; null when it worked.
   */
  private String runProbeQuery(HttpClient client) throws IOException {
    if (!Files.exists(layout.jwtPrivateKey())) {
      return "no signing key yet";
    }
    String token =
        new TokenIssuer(
                SigningKey.load(layout.jwtPrivateKey()),
                LakehouseSettings.TOKEN_ISSUER,
                LakehouseSettings.TOKEN_AUDIENCE,
                Clock.systemUTC())
            .mint(LakehouseSettings.SERVICE_USER, List.of(), Duration.ofMinutes(1));
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(settings.trinoUri() + "/v1/statement"))
            .timeout(Duration.ofSeconds(10))
            .header("Authorization", "Bearer " + token)
            .header("X-Trino-User", LakehouseSettings.SERVICE_USER)
            .POST(HttpRequest.BodyPublishers.ofString("SELECT 1"))
            .build();
    try {
      for (int page = 0; page < 200 && request != null; page++) {
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
          return "a probe query got HTTP " + response.statusCode();
        }
        JsonNode result = JSON.readTree(response.body());
        if (result.has("error")) {
          return "a probe query failed: " + result.path("error").path("message").asText();
        }
        String next = result.path("nextUri").asText(null);
        request =
            next == null
                ? null
                : HttpRequest.newBuilder(URI.create(next))
                    .timeout(Duration.ofSeconds(10))
                    .header("Authorization", "Bearer " + token)
                    .GET()
                    .build();
        if (request != null) {
          Thread.sleep(20);
        }
      }
      return request == null ? null : "a probe query did not finish";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
  }
}
