package io.tributary.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The group copier the chart runs beside Trino ({@code files/GroupFileSync.java}), run as the chart
 * runs it, a single source file on a JDK, against a local HTTP server standing in for the API's
 * groups endpoint: it checks the copier's protocol, not the API's behaviour.
 */
class GroupFileSyncTest {
  private static final String SECRET = "s3cret/with+characters&more";
  private HttpServer server;
  private final List<String> secrets = new CopyOnWriteArrayList<>();
  private final AtomicInteger failuresBeforeAnswer = new AtomicInteger();
  private volatile String groups = "analysts:ana,bob\nsales-owners:sam\n";

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/api/v1/engine/trino/groups",
        exchange -> {
          String query = exchange.getRequestURI().getRawQuery();
          String secret =
              URLDecoder.decode(
                  query.substring(query.indexOf("secret=") + 7), StandardCharsets.UTF_8);
          secrets.add(secret);
          byte[] body = groups.getBytes(StandardCharsets.UTF_8);
          int status =
              !SECRET.equals(secret) ? 403 : failuresBeforeAnswer.getAndDecrement() > 0 ? 503 : 200;
          exchange.sendResponseHeaders(status, status == 200 ? body.length : -1);
          if (status == 200) {
            exchange.getResponseBody().write(body);
          }
          exchange.close();
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void copiesTheGroupFileOnceWithTheSecretUntilTheApiAnswers(@TempDir Path folder)
      throws Exception {
    failuresBeforeAnswer.set(1);
    Path target = folder.resolve("groups.txt");
    Process process = start(target, "--once");
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(output(process)).isZero();
    assertThat(Files.readString(target)).isEqualTo(groups);
    assertThat(secrets).hasSize(2).allMatch(SECRET::equals);
    try (var files = Files.list(folder)) {
      assertThat(files).containsExactly(target);
    }
  }

  @Test
  void keepsTheFileInStepAndKeepsTheLastCopyWhenRefused(@TempDir Path folder) throws Exception {
    Path target = folder.resolve("groups.txt");
    Process process = start(target);
    try {
      awaitContent(target, groups);
      groups = "analysts:ana\n";
      awaitContent(target, "analysts:ana\n");
      failuresBeforeAnswer.set(Integer.MAX_VALUE);
      int seen = secrets.size();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (secrets.size() < seen + 2 && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertThat(secrets.size()).isGreaterThanOrEqualTo(seen + 2);
      assertThat(Files.readString(target)).isEqualTo("analysts:ana\n");
    } finally {
      process.destroy();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }

  private Process start(Path target, String... arguments) throws IOException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    List<String> command =
        new java.util.ArrayList<>(
            List.of(
                java.toString(), Chart.directory().resolve("files/GroupFileSync.java").toString()));
    command.addAll(List.of(arguments));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder
        .environment()
        .put(
            "GROUPS_URL",
            "http://127.0.0.1:" + server.getAddress().getPort() + "/api/v1/engine/trino/groups");
    builder.environment().put("GROUPS_FILE", target.toString());
    builder.environment().put("GROUPS_REFRESH_PERIOD", "100ms");
    builder.environment().put("TRIBUTARY_TRINO_RULES_SECRET", SECRET);
    return builder.start();
  }

  private static void awaitContent(Path file, String expected) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      if (Files.exists(file) && Files.readString(file).equals(expected)) {
        return;
      }
      Thread.sleep(50);
    }
    assertThat(Files.exists(file) ? Files.readString(file) : null).isEqualTo(expected);
  }

  private static String output(Process process) throws IOException {
    return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
  }
}
