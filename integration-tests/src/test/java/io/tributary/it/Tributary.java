package io.tributary.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.lakehouse.LakehouseSettings;
import io.tributary.lakehouse.Secrets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code ./tributary} as a user would, against one state folder and one set of ports, and
 * connects to the Trino it starts with trino-jdbc.
 */
public final class Tributary {
  private static final Path REPOSITORY =
      Path.of(System.getProperty("tributary.repository", "..")).toAbsolutePath().normalize();

  private final Map<String, String> environment;

  private Tributary(Map<String, String> environment) {
    this.environment = Map.copyOf(environment);
  }

  /** A stack on free ports with its own state folder. */
  public static Tributary onFreePorts(Path stateFolder) {
    Map<String, String> environment = new HashMap<>();
    environment.put("TRIBUTARY_HOME", stateFolder.toAbsolutePath().toString());
    for (String variable :
        List.of(
            "TRIBUTARY_S3_PORT",
            "TRIBUTARY_H2_PORT",
            "TRIBUTARY_DYNAMODB_PORT",
            "TRIBUTARY_TRINO_HTTP_PORT",
            "TRIBUTARY_TRINO_PORT",
            "TRIBUTARY_API_PORT")) {
      environment.put(variable, Integer.toString(freePort()));
    }
    return new Tributary(environment);
  }

  /** The same stack with some variables changed. */
  public Tributary with(String variable, String value) {
    Map<String, String> changed = new HashMap<>(environment);
    changed.put(variable, value);
    return new Tributary(changed);
  }

  public String variable(String name) {
    return environment.get(name);
  }

  public static Path repository() {
    return REPOSITORY;
  }

  /** A folder for one test's files under the build folder. */
  public static Path workFolder(String name) {
    Path folder =
        Path.of(System.getProperty("tributary.test-work", "target/test-work")).resolve(name);
    try {
      Files.createDirectories(folder);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return folder.toAbsolutePath();
  }

  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** What a command printed and how it ended. */
  public record Result(int exitCode, String stdout, String stderr) {
    public String output() {
      return stdout + stderr;
    }
  }

  /** Runs {@code ./tributary} with these arguments and waits for it to end. */
  public Result run(String... arguments) {
    return run(Map.of(), arguments);
  }

  public Result run(Map<String, String> extraEnvironment, String... arguments) {
    List<String> command = new ArrayList<>();
    command.add(REPOSITORY.resolve("tributary").toString());
    command.addAll(List.of(arguments));
    ProcessBuilder builder = new ProcessBuilder(command).directory(REPOSITORY.toFile());
    builder.environment().putAll(environment);
    builder.environment().putAll(extraEnvironment);
    try {
      Process process = builder.start();
      process.getOutputStream().close();
      CompletableFuture<String> stdout = drain(process.getInputStream());
      CompletableFuture<String> stderr = drain(process.getErrorStream());
      if (!process.waitFor(10, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new AssertionError("./tributary " + String.join(" ", arguments) + " did not end");
      }
      return new Result(process.exitValue(), stdout.join(), stderr.join());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static CompletableFuture<String> drain(java.io.InputStream stream) {
    return CompletableFuture.supplyAsync(
        () -> {
          try (stream) {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }

  /** Runs a command that must succeed, and returns its standard output. */
  public String succeed(String... arguments) {
    Result result = run(arguments);
    assertThat(result.exitCode())
        .as("./tributary %s%n%s", String.join(" ", arguments), result.output())
        .isZero();
    return result.stdout();
  }

  public void up() {
    succeed("up");
  }

  public void down() {
    succeed("down");
  }

  /** The settings the commands use, for the files and clients a test touches directly. */
  public LakehouseSettings settings() {
    return LakehouseSettings.fromEnvironment(
        environment, REPOSITORY, REPOSITORY.resolve("local-lakehouse/target/distribution"));
  }

  public Secrets secrets() {
    return Secrets.load(settings().layout());
  }

  /** A token from {@code ./tributary token}. */
  public String token(String user, String... groups) {
    List<String> arguments = new ArrayList<>(List.of("token", user));
    for (String group : groups) {
      arguments.add("--group");
      arguments.add(group);
    }
    return succeed(arguments.toArray(String[]::new)).strip();
  }

  /**
   * A token signed with the stack's key directly, which, unlike {@code ./tributary token}, the
   * platform API never sees: for tests of Trino alone, whose hand-written rules and group file the
   * platform would otherwise compile anew when it meets the user.
   */
  public String tokenUnknownToThePlatform(String user) {
    return new io.tributary.lakehouse.security.TokenIssuer(
            io.tributary.lakehouse.security.SigningKey.load(settings().layout().jwtPrivateKey()),
            io.tributary.lakehouse.LakehouseSettings.TOKEN_ISSUER,
            io.tributary.lakehouse.LakehouseSettings.TOKEN_AUDIENCE,
            java.time.Clock.systemUTC())
        .mint(user, List.of(), java.time.Duration.ofHours(1));
  }

  /** A trino-jdbc connection as this user, with a token from {@code ./tributary token}. */
  public Connection connect(String user) throws SQLException {
    return connect(user, token(user), Map.of());
  }

  /** A trino-jdbc connection from {@code ./tributary jdbc-url} with this token. */
  public Connection connect(String user, String token, Map<String, String> extraProperties)
      throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("user", user);
    properties.setProperty("accessToken", token);
    properties.putAll(extraProperties);
    return DriverManager.getConnection(succeed("jdbc-url").strip(), properties);
  }
}
