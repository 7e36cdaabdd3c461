package io.tributary.platform.registry.dynamodb;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A JUnit extension running a real local DynamoDB-compatible server (dynalite, in memory) for one
 * test class: installs it with the local lakehouse's own install script, starts it on a free port,
 * waits until it answers HTTP, and stops it after the class.
 */
public final class DynaliteServer implements BeforeAllCallback, AfterAllCallback {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(5);

  private Process process;
  private URI endpoint;

  /** The server's endpoint, once started. */
  public URI endpoint() {
    if (endpoint == null) {
      throw new IllegalStateException("dynalite is not running");
    }
    return endpoint;
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    Path repository = repositoryRoot();
    Path installation = Path.of("target", "dynalite").toAbsolutePath();
    Path log = Path.of("target", "dynalite.log").toAbsolutePath();
    Files.createDirectories(installation);
    run(
        List.of(
            "bash",
            repository.resolve("local-lakehouse/src/main/dynamodb/install.sh").toString(),
            installation.toString()),
        log);
    int port = freePort();
    process =
        new ProcessBuilder(
                "node",
                installation.resolve("node_modules/dynalite/cli.js").toString(),
                "--host",
                "127.0.0.1",
                "--port",
                Integer.toString(port),
                "--createTableMs",
                "0",
                "--deleteTableMs",
                "0",
                "--updateTableMs",
                "0")
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    endpoint = URI.create("http://127.0.0.1:" + port);
    awaitAnswer(log);
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    if (process != null) {
      process.descendants().forEach(ProcessHandle::destroy);
      process.destroy();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
      process = null;
      endpoint = null;
    }
  }

  /**
   * The repository root: the first folder up from the working directory (the module folder under
   * Maven, the root under an IDE) holding the {@code tributary} command and {@code
   * local-lakehouse/}.
   */
  static Path repositoryRoot() {
    Path start = Path.of(System.getProperty("user.dir")).toAbsolutePath();
    for (Path folder = start; folder != null; folder = folder.getParent()) {
      if (Files.isRegularFile(folder.resolve("tributary"))
          && Files.isDirectory(folder.resolve("local-lakehouse"))) {
        return folder;
      }
    }
    throw new IllegalStateException("no Tributary repository above " + start);
  }

  private static void run(List<String> command, Path log) throws IOException, InterruptedException {
    Process install =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    if (!install.waitFor(INSTALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
      install.destroyForcibly();
      throw new IllegalStateException("installing dynalite timed out; see " + log);
    }
    if (install.exitValue() != 0) {
      throw new IllegalStateException(
          "installing dynalite failed (" + install.exitValue() + "): " + Files.readString(log));
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    }
  }

  private void awaitAnswer(Path log) throws IOException, InterruptedException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    Instant deadline = Instant.now().plus(START_TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "dynalite exited with " + process.exitValue() + ": " + Files.readString(log));
      }
      try {
        // Any answer will do: DynamoDB answers an unsigned GET with an error status.
        http.send(
            HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(1)).GET().build(),
            HttpResponse.BodyHandlers.discarding());
        return;
      } catch (IOException notYet) {
        Thread.sleep(100);
      }
    }
    throw new IllegalStateException("dynalite did not answer within " + START_TIMEOUT);
  }
}
