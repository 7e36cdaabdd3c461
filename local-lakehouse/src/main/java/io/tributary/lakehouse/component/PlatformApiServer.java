package io.tributary.lakehouse.component;

import io.tributary.lakehouse.LakehouseSettings;
import io.tributary.lakehouse.Secrets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Tributary's platform API, the Quarkus server, pointed at the local lakehouse: its DynamoDB API,
 * its Iceberg catalog and S3, its Trino, and the local signing key as the OIDC key.
 */
public final class PlatformApiServer extends ProcessComponent {
  private final LakehouseSettings settings;
  private final Secrets secrets;

  public PlatformApiServer(LakehouseSettings settings, Secrets secrets) {
    super(settings.layout());
    this.settings = settings;
    this.secrets = secrets;
  }

  /**
   * The API's configuration for this lakehouse, as Quarkus property names. The API's own tests use
   * it too, so both always point the API at the lakehouse the same way.
   */
  public static Map<String, String> configuration(LakehouseSettings settings, Secrets secrets) {
    Map<String, String> config = new LinkedHashMap<>();
    config.put("quarkus.oidc.public-key", publicKeyBody(settings));
    config.put("tributary.engine.jdbc-url", settings.trinoJdbcUrl());
    config.put(
        "tributary.engine.trust-store",
        "Trust the local lakehouse's self-signed certificate: SSLTrustStorePath="
            + settings.layout().trinoCertificate());
    config.put("tributary.store.endpoint", settings.dynamoDbEndpoint());
    // The local DynamoDB API checks that requests are signed, not by whom.
    config.put("tributary.store.access-key", "local");
    config.put("tributary.store.secret-key", "local");
    config.put("tributary.catalog.uri", settings.catalogJdbcUrl());
    config.put("tributary.catalog.user", secrets.catalogUser());
    config.put("tributary.catalog.password", secrets.catalogPassword());
    config.put("tributary.catalog.warehouse", settings.warehouse());
    config.put("tributary.trino.resource-groups.jdbc-url", settings.resourceGroupsJdbcUrl());
    config.put("tributary.trino.resource-groups.user", secrets.catalogUser());
    config.put("tributary.trino.resource-groups.password", secrets.catalogPassword());
    config.put("tributary.trino.resource-groups.environment", LakehouseSettings.TRINO_ENVIRONMENT);
    config.put("tributary.catalog.s3-endpoint", settings.s3Endpoint());
    config.put("tributary.catalog.s3-access-key", secrets.s3AccessKey());
    config.put("tributary.catalog.s3-secret-key", secrets.s3SecretKey());
    config.put("tributary.trino.rules-file", settings.layout().accessRules().toString());
    config.put("tributary.trino.groups-file", settings.layout().groups().toString());
    config.put("tributary.trino.signing-key-file", settings.layout().jwtPrivateKey().toString());
    return config;
  }

  private static String publicKeyBody(LakehouseSettings settings) {
    try {
      return Files.readString(settings.layout().jwtPublicKey())
          .replace("-----BEGIN PUBLIC KEY-----", "")
          .replace("-----END PUBLIC KEY-----", "")
          .replaceAll("\\s", "");
    } catch (IOException e) {
      return "";
    }
  }

  @Override
  public String name() {
    return "api";
  }

  @Override
  public String description() {
    return "Tributary platform API";
  }

  @Override
  public String url() {
    return settings.apiUri();
  }

  @Override
  public List<PortUse> ports() {
    return List.of(new PortUse(settings.apiPort(), "platform API", "TRIBUTARY_API_PORT"));
  }

  @Override
  public Duration startTimeout() {
    return Duration.ofMinutes(2);
  }

  @Override
  protected List<String> command() {
    return List.of(
        javaExecutable(),
        "-Xmx512m",
        // Vert.x resets thread locals on Java 24+ only with this.
        "--add-opens",
        "java.base/java.lang=ALL-UNNAMED",
        "-Dlocal-lakehouse.state=" + layout.root(),
        // S3Proxy does not take the checksum trailers recent AWS SDKs add to uploads by default.
        "-Daws.requestChecksumCalculation=when_required",
        "-Daws.responseChecksumValidation=when_required",
        "-jar",
        settings.apiApplication().toString());
  }

  @Override
  protected Map<String, String> environment() {
    Map<String, String> environment = new HashMap<>();
    environment.put("QUARKUS_HTTP_PORT", Integer.toString(settings.apiPort()));
    configuration(settings, secrets)
        .forEach(
            (property, value) ->
                environment.put(
                    property.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'), value));
    return environment;
  }

  @Override
  protected Path workingDirectory() {
    return layout.root();
  }

  @Override
  public Health probe() {
    return HttpProbe.ok(settings.apiUri() + "/q/health/ready");
  }
}
