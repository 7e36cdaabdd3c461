package io.tributary.platform.provisioning.terraform;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs terraform against the domain root for one domain: {@code -chdir} to the root, the domain's
 * own {@code TF_DATA_DIR} (so the selected workspace and backend settings of two domains never
 * meet), every line of output to the run's log as it comes, and a timeout that kills the whole
 * process tree.
 */
final class TerraformCli {
  private static final int TAIL_LINES = 60;
  private static final int ERROR_LINES = 20;

  private final String binary;
  private final Path root;
  private final Map<String, String> environment;
  private final Duration timeout;

  /**
   * @param binary the terraform executable
   * @param root the root module's folder
   * @param environment terraform's environment on top of this process's, {@code TF_DATA_DIR}
   *     included
   * @param timeout how long one command may run
   */
  TerraformCli(String binary, Path root, Map<String, String> environment, Duration timeout) {
    this.binary = binary;
    this.root = root;
    this.environment = Map.copyOf(environment);
    this.timeout = timeout;
  }

  /** Runs a command, its output (both streams) to the log. */
  void run(String command, Consumer<String> log, String... arguments) {
    execute(command, log, null, arguments);
  }

  /** Runs a command and returns what it printed on standard output; standard error goes to log. */
  String capture(String command, Consumer<String> log, String... arguments) {
    StringBuilder output = new StringBuilder();
    execute(command, log, output, arguments);
    return output.toString();
  }

  private void execute(
      String command, Consumer<String> log, StringBuilder captured, String... arguments) {
    List<String> line = new ArrayList<>();
    line.add(binary);
    line.add("-chdir=" + root);
    line.addAll(List.of(arguments));
    log.accept("$ terraform " + String.join(" ", List.of(arguments)));
    ProcessBuilder builder = new ProcessBuilder(line);
    builder.environment().putAll(environment);
    builder.redirectErrorStream(captured == null);
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new TerraformFailure(
          command,
          "could not start '%s' (set tributary.provisioner.terraform.binary)".formatted(binary),
          List.of(e.getMessage()));
    }
    Deque<String> tail = new ArrayDeque<>();
    Consumer<String> logged =
        text -> {
          synchronized (tail) {
            tail.addLast(text);
            if (tail.size() > TAIL_LINES) {
              tail.removeFirst();
            }
          }
          log.accept(text);
        };
    Thread output =
        Thread.ofVirtual()
            .start(
                () ->
                    pump(
                        process.getInputStream(),
                        captured == null
                            ? logged
                            : text -> {
                              synchronized (captured) {
                                captured.append(text).append('\n');
                              }
                            }));
    Thread errors =
        captured == null
            ? null
            : Thread.ofVirtual().start(() -> pump(process.getErrorStream(), logged));
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
        join(output, errors);
        throw new TerraformFailure(
            command, "timed out after %s and was killed".formatted(timeout), errorLines(tail));
      }
      join(output, errors);
    } catch (InterruptedException e) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new TerraformFailure(command, "was interrupted", errorLines(tail));
    }
    if (process.exitValue() != 0) {
      throw new TerraformFailure(
          command, "failed (exit code %d)".formatted(process.exitValue()), errorLines(tail));
    }
  }

  private static void join(Thread output, Thread errors) throws InterruptedException {
    output.join(Duration.ofSeconds(10));
    if (errors != null) {
      errors.join(Duration.ofSeconds(10));
    }
  }

  private static void pump(InputStream stream, Consumer<String> lines) {
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
      String text;
      while ((text = reader.readLine()) != null) {
        lines.accept(text);
      }
    } catch (IOException e) {
      // A killed process closes its pipes mid-line; what was read is already logged.
      if (!"Stream closed".equals(e.getMessage())) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /**
   * The lines that say why: from terraform's first {@code Error:} line on, or else the last
   * non-blank lines.
   */
  static List<String> errorLines(Deque<String> tail) {
    List<String> lines;
    synchronized (tail) {
      lines = new ArrayList<>(tail);
    }
    lines.removeIf(String::isBlank);
    lines.replaceAll(text -> text.replaceAll("[│╷╵]", "").strip());
    lines.removeIf(String::isBlank);
    for (int index = 0; index < lines.size(); index++) {
      if (lines.get(index).startsWith("Error:")) {
        return List.copyOf(lines.subList(index, Math.min(lines.size(), index + ERROR_LINES)));
      }
    }
    return List.copyOf(lines.subList(Math.max(0, lines.size() - 10), lines.size()));
  }
}
