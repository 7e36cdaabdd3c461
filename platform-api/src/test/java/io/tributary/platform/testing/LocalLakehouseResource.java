package io.tributary.platform.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.tributary.lakehouse.LakehouseSettings;
import io.tributary.lakehouse.Secrets;
import io.tributary.lakehouse.security.SigningKey;
import io.tributary.lakehouse.security.TokenIssuer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Starts a local lakehouse of the tests' own (state under {@code target/}, free ports) through
 * {@code ./tributary up} once per test run, and points the API at it: its DynamoDB, catalog, S3,
 * Trino, and its signing key as the OIDC key.
 */
public class LocalLakehouseResource implements QuarkusTestResourceLifecycleManager {
  private static LakehouseSettings settings;
  private static Map<String, String> environment;

  @Override
  public synchronized Map<String, String> start() {
    if (settings == null) {
      environment = new HashMap<>();
      environment.put(
          "TRIBUTARY_HOME", Path.of("target/lakehouse-state").toAbsolutePath().toString());
      environment.put("TRIBUTARY_WITH_API", "false");
      for (String variable :
          List.of(
              "TRIBUTARY_S3_PORT",
              "TRIBUTARY_H2_PORT",
              "TRIBUTARY_DYNAMODB_PORT",
              "TRIBUTARY_TRINO_HTTP_PORT",
              "TRIBUTARY_TRINO_PORT")) {
        environment.put(variable, Integer.toString(freePort()));
      }
      tributary("down");
      tributary("up");
      settings =
          LakehouseSettings.fromEnvironment(
              environment,
              repository(),
              repository().resolve("local-lakehouse/target/distribution"));
    }
    return configuration();
  }

  @Override
  public synchronized void stop() {
    // The lakehouse outlives one Quarkus application; the JVM's end stops it.
  }

  static {
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  if (settings != null) {
                    tributary("down");
                  }
                }));
  }

  /** The API's configuration for this lakehouse. */
  private static Map<String, String> configuration() {
    Secrets secrets = Secrets.load(settings.layout());
    Map<String, String> config = new HashMap<>();
    config.put("quarkus.oidc.public-key", publicKeyBody());
    config.put("tributary.engine.jdbc-url", settings.trinoJdbcUrl());
    config.put("tributary.store.endpoint", settings.dynamoDbEndpoint());
    config.put("tributary.catalog.uri", settings.catalogJdbcUrl());
    config.put("tributary.catalog.user", secrets.catalogUser());
    config.put("tributary.catalog.password", secrets.catalogPassword());
    config.put("tributary.catalog.s3-endpoint", settings.s3Endpoint());
    config.put("tributary.catalog.s3-access-key", secrets.s3AccessKey());
    config.put("tributary.catalog.s3-secret-key", secrets.s3SecretKey());
    config.put("tributary.trino.rules-file", settings.layout().accessRules().toString());
    config.put("tributary.trino.groups-file", settings.layout().groups().toString());
    config.put("tributary.trino.signing-key-file", settings.layout().jwtPrivateKey().toString());
    return config;
  }

  private static String publicKeyBody() {
    try {
      return Files.readString(settings.layout().jwtPublicKey())
          .replace("-----BEGIN PUBLIC KEY-----", "")
          .replace("-----END PUBLIC KEY-----", "")
          .replaceAll("\\s", "");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The running lakehouse's settings. */
  public static LakehouseSettings settings() {
    return settings;
  }

  /** A token from the lakehouse's key, as {@code ./tributary token} mints it. */
  public static String token(String user, String... groups) {
    return new TokenIssuer(
            SigningKey.load(settings.layout().jwtPrivateKey()),
            LakehouseSettings.TOKEN_ISSUER,
            LakehouseSettings.TOKEN_AUDIENCE,
            Clock.systemUTC())
        .mint(user, List.of(groups), Duration.ofHours(1));
  }

  private static Path repository() {
    Path folder = Path.of("").toAbsolutePath();
    while (folder != null && !Files.exists(folder.resolve("tributary"))) {
      folder = folder.getParent();
    }
    if (folder == null) {
      throw new IllegalStateException("No ./tributary above " + Path.of("").toAbsolutePath());
    }
    return folder;
  }

  private static void tributary(String command) {
    ProcessBuilder builder =
        new ProcessBuilder(repository().resolve("tributary").toString(), command)
            .directory(repository().toFile())
            .redirectErrorStream(true);
    builder.environment().putAll(environment);
    try {
      Process process = builder.start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
        throw new IllegalStateException("./tributary " + command + " failed:\n" + output);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
