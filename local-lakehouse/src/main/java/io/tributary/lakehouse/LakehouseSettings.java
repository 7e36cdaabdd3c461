package io.tributary.lakehouse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where the local lakehouse keeps its state, where its components are installed, and which ports
 * they listen on. Every value can be overridden by an environment variable so that tests and a
 * user's own stack can run side by side.
 *
 * @param stateDirectory every table, row, key and log of the local lakehouse lives under here
 * @param distributionDirectory the built components: libraries, Trino, S3Proxy, the DynamoDB server
 * @param s3Port S3Proxy's HTTP port
 * @param h2Port the H2 TCP server holding the Iceberg JDBC catalog
 * @param dynamoDbPort the local DynamoDB-compatible server
 * @param trinoHttpPort Trino's internal HTTP port (coordinator to itself, never for clients)
 * @param trinoHttpsPort Trino's HTTPS port, where clients authenticate with a JWT
 * @param trinoHeap the maximum heap of the Trino JVM, for example {@code 2G}
 * @param apiPort the platform API's HTTP port
 * @param apiApplication the platform API's runnable jar; the API starts only when it exists
 * @param withApi whether {@code up} starts the platform API (its own tests start it themselves)
 */
public record LakehouseSettings(
    Path stateDirectory,
    Path distributionDirectory,
    int s3Port,
    int h2Port,
    int dynamoDbPort,
    int trinoHttpPort,
    int trinoHttpsPort,
    String trinoHeap,
    int apiPort,
    Path apiApplication,
    boolean withApi) {

  public static final String HOST = "localhost";
  public static final String BUCKET = "lakehouse";
  public static final String CATALOG = "lakehouse";
  public static final String REGION = "us-east-1";
  public static final String TRINO_VERSION = "476";

  /** The user the platform runs queries as; the only user allowed to impersonate end users. */
  public static final String SERVICE_USER = "tributary";

  /** The issuer and audience of every token the local key signs. */
  public static final String TOKEN_ISSUER = "tributary-local";

  public static final String TOKEN_AUDIENCE = "tributary";

  /**
   * Reads the settings from the environment.
   *
   * @param environment usually {@link System#getenv()}
   * @param repositoryRoot the working copy, whose {@code .tributary} folder holds the state by
   *     default
   * @param distributionDirectory where the build put the components
   */
  public static LakehouseSettings fromEnvironment(
      Map<String, String> environment, Path repositoryRoot, Path distributionDirectory) {
    Path state =
        Path.of(
                environment.getOrDefault(
                    "TRIBUTARY_HOME", repositoryRoot.resolve(".tributary").toString()))
            .toAbsolutePath()
            .normalize();
    return new LakehouseSettings(
        state,
        distributionDirectory.toAbsolutePath().normalize(),
        port(environment, "TRIBUTARY_S3_PORT", 9000),
        port(environment, "TRIBUTARY_H2_PORT", 9092),
        port(environment, "TRIBUTARY_DYNAMODB_PORT", 8000),
        port(environment, "TRIBUTARY_TRINO_HTTP_PORT", 8080),
        port(environment, "TRIBUTARY_TRINO_PORT", 8443),
        heap(environment.getOrDefault("TRIBUTARY_TRINO_HEAP", "2G")),
        port(environment, "TRIBUTARY_API_PORT", 8081),
        repositoryRoot
            .resolve("platform-api/target/quarkus-app/quarkus-run.jar")
            .toAbsolutePath()
            .normalize(),
        !"false".equalsIgnoreCase(environment.getOrDefault("TRIBUTARY_WITH_API", "true")));
  }

  private static String heap(String value) {
    if (!value.matches("[1-9][0-9]*[kKmMgG]?")) {
      throw new LakehouseException(
          "TRIBUTARY_TRINO_HEAP=%s is not a JVM heap size such as 2G or 1536M".formatted(value),
          null);
    }
    return value;
  }

  private static int port(Map<String, String> environment, String name, int defaultPort) {
    String value = environment.get(name);
    if (value == null || value.isBlank()) {
      return defaultPort;
    }
    try {
      int port = Integer.parseInt(value.trim());
      if (port < 1 || port > 65535) {
        throw new NumberFormatException();
      }
      return port;
    } catch (NumberFormatException e) {
      throw new LakehouseException(
          "%s=%s is not a TCP port (1-65535)".formatted(name, value), null);
    }
  }

  public StateLayout layout() {
    return new StateLayout(stateDirectory);
  }

  public Path trinoHome() {
    return distributionDirectory.resolve("trino-server-" + TRINO_VERSION);
  }

  public Path s3ProxyJar() {
    return distributionDirectory.resolve("s3proxy/s3proxy.jar");
  }

  public Path dynamoDbServer() {
    return distributionDirectory.resolve("dynamodb/node_modules/dynalite/cli.js");
  }

  public String s3Endpoint() {
    return "http://127.0.0.1:" + s3Port;
  }

  public String dynamoDbEndpoint() {
    return "http://127.0.0.1:" + dynamoDbPort;
  }

  public String apiUri() {
    return "http://" + HOST + ":" + apiPort;
  }

  public String trinoUri() {
    return "https://" + HOST + ":" + trinoHttpsPort;
  }

  public String catalogJdbcUrl() {
    return "jdbc:h2:tcp://127.0.0.1:" + h2Port + "/" + CATALOG + ";DATABASE_TO_LOWER=TRUE";
  }

  /**
   * The H2 database holding Trino's resource groups, which Trino's {@code db} manager rereads every
   * second. {@code VALUE} names a column of the manager's tables but is a keyword in H2.
   */
  public String resourceGroupsJdbcUrl() {
    return "jdbc:h2:tcp://127.0.0.1:"
        + h2Port
        + "/"
        + RESOURCE_GROUPS_DATABASE
        + ";NON_KEYWORDS=VALUE";
  }

  /** Trino's {@code node.environment}: the resource groups' rows are this environment's. */
  public static final String TRINO_ENVIRONMENT = "tributary";

  /** The H2 database of Trino's resource groups, beside the catalog's. */
  public static final String RESOURCE_GROUPS_DATABASE = "resource_groups";

  public String warehouse() {
    return "s3://" + BUCKET + "/warehouse";
  }

  /** A trino-jdbc URL for this stack; add the token as the {@code accessToken} property. */
  public String trinoJdbcUrl() {
    return "jdbc:trino://%s:%d/%s?SSL=true&SSLTrustStorePath=%s"
        .formatted(HOST, trinoHttpsPort, CATALOG, layout().trinoCertificate());
  }

  /** Fails with a message naming what is missing when the build has not produced a component. */
  public void requireDistribution() {
    for (Path required :
        new Path[] {
          trinoHome().resolve("lib"),
          trinoHome().resolve("plugin/iceberg"),
          s3ProxyJar(),
          dynamoDbServer()
        }) {
      if (!Files.exists(required)) {
        throw new LakehouseException(
            "The local lakehouse is not built: %s is missing. Run ./tributary up, which builds it, or ./mvnw -pl local-lakehouse -am package -DskipTests"
                .formatted(required),
            null);
      }
    }
  }
}
