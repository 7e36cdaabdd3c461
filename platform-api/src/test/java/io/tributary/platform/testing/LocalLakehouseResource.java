package io.tributary.platform.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.tributary.lakehouse.LakehouseSettings;
import io.tributary.lakehouse.Secrets;
import io.tributary.lakehouse.component.PlatformApiServer;
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

  static {
    // Declarations go up as YAML text, in every test of the API.
    io.restassured.RestAssured.config =
        io.restassured.RestAssured.config()
            .encoderConfig(
                io.restassured.config.EncoderConfig.encoderConfig()
                    .encodeContentTypeAs("application/yaml", io.restassured.http.ContentType.TEXT));
  }

  /** A trino-jdbc connection to the test lakehouse's Trino, as this user with this token. */
  public static java.sql.Connection connect(String user, String token)
      throws java.sql.SQLException {
    java.util.Properties properties = new java.util.Properties();
    properties.setProperty("user", user);
    properties.setProperty("accessToken", token);
    return java.sql.DriverManager.getConnection(settings.trinoJdbcUrl(), properties);
  }

  /**
   * System properties are shared by every class loader of the JVM: a test profile's Quarkus
   * application loads this class again, and finds the running lakehouse here instead of restarting
   * it.
   */
  private static final String SHARED_ENVIRONMENT = "local-lakehouse-test.environment.";

  private static boolean startedHere;

  @Override
  public synchronized Map<String, String> start() {
    if (settings == null && System.getProperty(SHARED_ENVIRONMENT + "TRIBUTARY_HOME") != null) {
      environment = new HashMap<>();
      for (String name : System.getProperties().stringPropertyNames()) {
        if (name.startsWith(SHARED_ENVIRONMENT)) {
          environment.put(name.substring(SHARED_ENVIRONMENT.length()), System.getProperty(name));
        }
      }
      settings =
          LakehouseSettings.fromEnvironment(
              environment,
              repository(),
              repository().resolve("local-lakehouse/target/distribution"));
    }
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
      startedHere = true;
      environment.forEach((name, value) -> System.setProperty(SHARED_ENVIRONMENT + name, value));
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
                  if (startedHere) {
                    tributary("down");
                  }
                }));
  }

  /** The API's configuration for this lakehouse, exactly as {@code ./tributary up} gives it. */
  private static Map<String, String> configuration() {
    return PlatformApiServer.configuration(settings, Secrets.load(settings.layout()));
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
