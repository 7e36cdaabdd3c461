package io.tributary.platform.lambda;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The packaged {@code function.zip}, run the way the Lambda java21 runtime runs it: unzipped into a
 * task root that is the working directory, and a JVM of its own running the AWS Lambda Runtime
 * Interface Client with the function's handler, which loads the function from the task root and
 * polls the Runtime API named by {@code AWS_LAMBDA_RUNTIME_API}. The function's configuration comes
 * from environment variables, as a Lambda's does.
 */
final class PackagedFunction {
  static final String HANDLER =
      "io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler::handleRequest";
  static final String RUNTIME_MAIN = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";

  private final Path taskRoot;
  private final Path runtimeLibraries;

  private PackagedFunction(Path taskRoot, Path runtimeLibraries) {
    this.taskRoot = taskRoot;
    this.runtimeLibraries = runtimeLibraries;
  }

  /**
   * The function of this build: {@code platform-lambda/target/function.zip}, unzipped afresh into
   * {@code target/task-root}, and the runtime's jars the build copied to {@code
   * target/lambda-runtime}.
   */
  static PackagedFunction ofBuild(Path repository) {
    Path target = repository.resolve("platform-lambda/target");
    Path zip = target.resolve("function.zip");
    Path runtime = target.resolve("lambda-runtime");
    if (!Files.isRegularFile(zip)) {
      throw new IllegalStateException(
          zip
              + " does not exist: build it first with ./mvnw -B -ntp -pl platform-lambda -am"
              + " package -DskipTests");
    }
    if (!Files.isDirectory(runtime)) {
      throw new IllegalStateException(
          runtime + " does not exist: the package phase copies the runtime interface client there");
    }
    Path taskRoot = target.resolve("task-root");
    unzip(zip, taskRoot);
    return new PackagedFunction(taskRoot, runtime);
  }

  /**
   * Starts the function against the Runtime API at {@code runtimeApi}.
   *
   * @param configuration Quarkus and Tributary properties, passed as environment variables
   * @param log where the function's output goes
   */
  Process start(String runtimeApi, Map<String, String> configuration, Path log) {
    List<String> command = new ArrayList<>();
    command.add(javaExecutable());
    // The java21 runtime's own JVM options: serial GC and C1 only, for a short start.
    command.addAll(List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto"));
    command.add("-Xmx512m");
    // Vert.x resets thread locals on Java 24+ only with this (the java21 runtime needs none).
    command.addAll(List.of("--add-opens", "java.base/java.lang=ALL-UNNAMED"));
    // S3Proxy does not take the checksum trailers recent AWS SDKs add to uploads by default.
    command.add("-Daws.requestChecksumCalculation=when_required");
    command.add("-Daws.responseChecksumValidation=when_required");
    command.addAll(List.of("-cp", runtimeClasspath(), RUNTIME_MAIN, HANDLER));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(taskRoot.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    Map<String, String> environment = builder.environment();
    environment.put("AWS_LAMBDA_RUNTIME_API", runtimeApi);
    environment.put("LAMBDA_TASK_ROOT", taskRoot.toString());
    environment.put("_HANDLER", HANDLER);
    environment.put("AWS_LAMBDA_FUNCTION_NAME", "tributary-platform-api");
    environment.put("AWS_LAMBDA_FUNCTION_VERSION", "1");
    environment.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "1024");
    environment.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/tributary-platform-api");
    environment.put("AWS_LAMBDA_LOG_STREAM_NAME", "local");
    environment.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
    environment.put("AWS_REGION", "us-east-1");
    configuration.forEach(
        (property, value) ->
            environment.put(
                property.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'), value));
    try {
      return builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Waits for the runtime's first poll of the Runtime API, which comes once its init is done; fails
   * early when the process ends before.
   *
   * @return when the first poll came, in {@link System#nanoTime()}
   */
  static long awaitFirstPoll(
      Process process, LambdaRuntimeApiServer runtimeApi, java.time.Duration patience, Path log)
      throws InterruptedException {
    long deadline = System.nanoTime() + patience.toNanos();
    while (System.nanoTime() < deadline) {
      try {
        return runtimeApi.firstPoll().get(50, TimeUnit.MILLISECONDS);
      } catch (java.util.concurrent.TimeoutException e) {
        if (!process.isAlive()) {
          throw new IllegalStateException(
              "The function ended with exit code %d before asking for an event; its log:%n%s"
                  .formatted(process.exitValue(), logText(log)));
        }
      } catch (java.util.concurrent.ExecutionException e) {
        throw new IllegalStateException(
            "The function's init failed: %s; its log:%n%s"
                .formatted(e.getCause().getMessage(), logText(log)),
            e.getCause());
      }
    }
    throw new IllegalStateException(
        "The function did not ask for an event within %s; its log:%n%s"
            .formatted(patience, logText(log)));
  }

  /**
   * The remote TCP ports a process has connections to, read from Linux's {@code /proc}: its socket
   * descriptors, matched by inode against {@code /proc/<pid>/net/tcp} and {@code tcp6}.
   */
  static java.util.Set<Integer> connectedPorts(long pid) throws IOException {
    java.util.Set<String> socketInodes = new java.util.HashSet<>();
    try (Stream<Path> descriptors = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
      for (Path descriptor : descriptors.toList()) {
        try {
          String target = Files.readSymbolicLink(descriptor).toString();
          if (target.startsWith("socket:[")) {
            socketInodes.add(target.substring("socket:[".length(), target.length() - 1));
          }
        } catch (IOException closedMeanwhile) {
          // A descriptor closed while listing holds no connection.
        }
      }
    }
    java.util.Set<Integer> ports = new java.util.TreeSet<>();
    for (String table : List.of("tcp", "tcp6")) {
      Path file = Path.of("/proc", Long.toString(pid), "net", table);
      if (!Files.exists(file)) {
        continue;
      }
      for (String line : Files.readAllLines(file).stream().skip(1).toList()) {
        String[] fields = line.trim().split("\\s+");
        boolean listening = fields[3].equals("0A");
        if (!listening && socketInodes.contains(fields[9])) {
          String remote = fields[2];
          ports.add(Integer.parseInt(remote.substring(remote.indexOf(':') + 1), 16));
        }
      }
    }
    return ports;
  }

  static String logText(Path log) {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "(unreadable: " + e.getMessage() + ")";
    }
  }

  static void stop(Process process) {
    process.destroy();
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  /** The working copy: the folder with {@code ./tributary} at or above the working directory. */
  static Path repository() {
    Path folder = Path.of("").toAbsolutePath();
    while (folder != null && !Files.exists(folder.resolve("tributary"))) {
      folder = folder.getParent();
    }
    if (folder == null) {
      throw new IllegalStateException(
          "Not inside the Tributary working copy: no ./tributary above "
              + Path.of("").toAbsolutePath());
    }
    return folder;
  }

  static String javaExecutable() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private String runtimeClasspath() {
    try (Stream<Path> jars = Files.list(runtimeLibraries)) {
      return String.join(
          java.io.File.pathSeparator,
          jars.filter(jar -> jar.toString().endsWith(".jar"))
              .map(Path::toString)
              .sorted()
              .toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void unzip(Path zip, Path folder) {
    try {
      if (Files.exists(folder)) {
        try (Stream<Path> paths = Files.walk(folder)) {
          for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
            Files.delete(path);
          }
        }
      }
      Files.createDirectories(folder);
      try (InputStream in = Files.newInputStream(zip);
          ZipInputStream entries = new ZipInputStream(in)) {
        for (ZipEntry entry = entries.getNextEntry();
            entry != null;
            entry = entries.getNextEntry()) {
          Path destination = folder.resolve(entry.getName()).normalize();
          if (!destination.startsWith(folder)) {
            throw new IllegalStateException("function.zip entry outside its root: " + entry);
          }
          if (entry.isDirectory()) {
            Files.createDirectories(destination);
          } else {
            Files.createDirectories(destination.getParent());
            Files.copy(entries, destination);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
