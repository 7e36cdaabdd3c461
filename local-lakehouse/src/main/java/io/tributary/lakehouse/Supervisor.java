package io.tributary.lakehouse;

import io.tributary.lakehouse.catalog.LakehouseCatalogs;
import io.tributary.lakehouse.component.Component;
import io.tributary.lakehouse.component.DynamoDbServer;
import io.tributary.lakehouse.component.H2CatalogServer;
import io.tributary.lakehouse.component.Health;
import io.tributary.lakehouse.component.PlatformApiServer;
import io.tributary.lakehouse.component.S3ProxyServer;
import io.tributary.lakehouse.component.TrinoServer;
import io.tributary.lakehouse.security.SigningKey;
import io.tributary.lakehouse.security.TlsCertificate;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Starts the local lakehouse's components in order, waits for each to serve, watches them while
 * they run (restarting one that dies, a few times at most) and stops them in reverse order when its
 * own process is asked to end.
 */
public final class Supervisor {
  /** How often a component may die and be restarted before the supervisor gives up on it. */
  private static final int MAX_RESTARTS = 3;

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

  private final LakehouseSettings settings;
  private final StateLayout layout;
  private final PrintStream out;
  private final List<Component> started = new ArrayList<>();
  private final Map<String, Integer> restarts = new HashMap<>();
  private volatile boolean stopping;

  public Supervisor(LakehouseSettings settings, PrintStream out) {
    this.settings = settings;
    this.layout = settings.layout();
    this.out = out;
  }

  /** The components in the order they start. */
  public static List<Component> components(LakehouseSettings settings, Secrets secrets) {
    List<Component> components =
        new ArrayList<>(
            List.of(
                new H2CatalogServer(settings, secrets),
                new S3ProxyServer(settings, secrets),
                new DynamoDbServer(settings),
                new TrinoServer(settings, secrets)));
    if (settings.withApi() && Files.exists(settings.apiApplication())) {
      components.add(new PlatformApiServer(settings, secrets));
    }
    return List.copyOf(components);
  }

  /** The supervisor of this state folder, if one is running. */
  public static Optional<ProcessHandle> running(StateLayout layout) {
    try {
      if (!Files.exists(layout.supervisorPid())) {
        return Optional.empty();
      }
      long pid = Long.parseLong(Files.readString(layout.supervisorPid()).strip());
      return ProcessHandle.of(pid)
          .filter(ProcessHandle::isAlive)
          .filter(
              handle ->
                  handle
                      .info()
                      .commandLine()
                      .map(line -> line.contains("io.tributary.lakehouse"))
                      .orElse(true));
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** Runs until the process is asked to stop; returns the exit code when start-up fails. */
  public int run() {
    Runtime.getRuntime().addShutdownHook(new Thread(this::shutdown, "lakehouse-shutdown"));
    try {
      Files.createDirectories(layout.run());
      Files.writeString(layout.supervisorPid(), Long.toString(ProcessHandle.current().pid()));
      status("starting", "");
      log("Starting the local lakehouse; state in " + layout.root());
      Jdk.requireTrinoCapable();
      settings.requireDistribution();
      Secrets secrets = Secrets.loadOrCreate(layout);
      SigningKey.loadOrCreate(layout.jwtPrivateKey(), layout.jwtPublicKey());
      TlsCertificate.ensure(
          layout.trinoKeystore(),
          layout.trinoCertificate(),
          layout.trinoTrustStore(),
          secrets.keystorePassword());

      for (Component component : components(settings, secrets)) {
        if (component instanceof TrinoServer) {
          log("Preparing the bucket '%s' and the Iceberg catalog tables", LakehouseSettings.BUCKET);
          LakehouseCatalogs.bootstrap(settings, secrets);
        }
        startAndAwait(component);
        started.add(component);
      }
      status("ready", "");
      log("Ready.");
      supervise();
      return 0;
    } catch (LakehouseException e) {
      log("FAILED: %s", e.getMessage());
      failed(e.summary(), e.logFile());
      return 1;
    } catch (IOException | RuntimeException | LinkageError e) {
      log("FAILED: unexpected error: %s", e);
      e.printStackTrace(out);
      failed("unexpected error: " + e, layout.log("supervisor"));
      return 1;
    }
  }

  private void failed(String summary, Path logFile) {
    stopStarted();
    status("failed", summary, logFile == null ? layout.log("supervisor") : logFile);
  }

  private void startAndAwait(Component component) {
    for (Component.PortUse port : component.ports()) {
      Ports.requireFree(port);
    }
    Instant begin = Instant.now();
    log("Starting %s ...", component.description());
    component.start();
    awaitReady(component, begin);
    log(
        "  %s is ready at %s (%.1f s)",
        component.name(),
        component.url(),
        Duration.between(begin, Instant.now()).toMillis() / 1000.0);
  }

  private void awaitReady(Component component, Instant begin) {
    Instant deadline = begin.plus(component.startTimeout());
    Instant nextReport = begin.plusSeconds(10);
    Health health = Health.down("not probed yet");
    while (Instant.now().isBefore(deadline)) {
      if (!component.isAlive()) {
        String tail =
            component instanceof io.tributary.lakehouse.component.ProcessComponent process
                ? process.logTail(15)
                : "";
        throw new LakehouseException(
            "%s exited with code %d while starting.%nIts last lines:%n%s"
                .formatted(component.description(), component.exitCode(), tail.indent(4)),
            component.logFile());
      }
      health = component.probe();
      if (health.healthy()) {
        return;
      }
      if (Instant.now().isAfter(nextReport)) {
        log(
            "  still waiting for %s (%d s): %s",
            component.name(), Duration.between(begin, Instant.now()).toSeconds(), health.detail());
        nextReport = Instant.now().plusSeconds(10);
      }
      sleep(Duration.ofMillis(500));
    }
    throw new LakehouseException(
        "%s did not become ready within %d s; last probe: %s"
            .formatted(
                component.description(), component.startTimeout().toSeconds(), health.detail()),
        component.logFile());
  }

  private void supervise() {
    while (!stopping) {
      sleep(Duration.ofSeconds(2));
      for (Component component : List.copyOf(started)) {
        if (stopping || component.isAlive()) {
          continue;
        }
        int count = restarts.merge(component.name(), 1, Integer::sum);
        if (count > MAX_RESTARTS) {
          String message =
              "%s stopped %d times; not restarting it again"
                  .formatted(component.description(), count);
          log(message);
          status("degraded", message + " (log: " + component.logFile() + ")");
          started.remove(component);
          continue;
        }
        log(
            "%s stopped unexpectedly (exit code %d); restarting it (%d of %d). Its log: %s",
            component.description(),
            component.exitCode(),
            count,
            MAX_RESTARTS,
            component.logFile());
        try {
          component.stop();
          startAndAwait(component);
        } catch (LakehouseException e) {
          log("  restart failed: %s", e.getMessage());
        }
      }
    }
  }

  private synchronized void shutdown() {
    if (stopping && started.isEmpty()) {
      return;
    }
    stopping = true;
    if (!started.isEmpty()) {
      status("stopping", "");
      log("Stopping the local lakehouse ...");
      stopStarted();
      status("stopped", "");
      log("Stopped.");
    }
    try {
      Files.deleteIfExists(layout.supervisorPid());
    } catch (IOException e) {
      // The pid is checked against the live process before it is trusted.
    }
  }

  private void stopStarted() {
    stopping = true;
    List<Component> reverse = new ArrayList<>(started);
    java.util.Collections.reverse(reverse);
    for (Component component : reverse) {
      log("  stopping %s", component.name());
      try {
        component.stop();
      } catch (RuntimeException e) {
        log("  could not stop %s cleanly: %s", component.name(), e.getMessage());
      }
    }
    started.clear();
  }

  private void status(String state, String message) {
    status(state, message, null);
  }

  private void status(String state, String message, Path logFile) {
    Properties status = new Properties();
    status.setProperty("state", state);
    status.setProperty("message", message);
    if (logFile != null) {
      status.setProperty("log", logFile.toString());
    }
    status.setProperty("pid", Long.toString(ProcessHandle.current().pid()));
    status.setProperty("updated", Instant.now().toString());
    status.setProperty("trino", settings.trinoUri());
    status.setProperty("jdbc", settings.trinoJdbcUrl());
    status.setProperty("s3", settings.s3Endpoint());
    status.setProperty("dynamodb", settings.dynamoDbEndpoint());
    status.setProperty("catalog", settings.catalogJdbcUrl());
    try {
      Files.createDirectories(layout.run());
      Path temporary = layout.supervisorStatus().resolveSibling("status.properties.tmp");
      try (Writer writer = Files.newBufferedWriter(temporary)) {
        status.store(writer, "The local lakehouse supervisor's state");
      }
      Files.move(
          temporary,
          layout.supervisorStatus(),
          StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      log("cannot write %s: %s", layout.supervisorStatus(), e.getMessage());
    }
  }

  /** Reads the status the supervisor last wrote; empty when there is none. */
  public static Properties readStatus(StateLayout layout) {
    Properties status = new Properties();
    if (Files.exists(layout.supervisorStatus())) {
      try (var reader = Files.newBufferedReader(layout.supervisorStatus())) {
        status.load(reader);
      } catch (IOException e) {
        // Being replaced right now; the caller asks again.
      }
    }
    return status;
  }

  private void log(String format, Object... arguments) {
    out.println(
        LocalTime.now().format(TIME)
            + " "
            + (arguments.length == 0 ? format : format.formatted(arguments)));
    out.flush();
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
