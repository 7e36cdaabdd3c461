package io.tributary.lakehouse.component;

import io.tributary.lakehouse.LakehouseException;
import io.tributary.lakehouse.StateLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A component that runs as a child process: its output goes to its log file and its pid to the run
 * folder, so that {@code down} finds it even if the supervisor itself was killed.
 */
public abstract class ProcessComponent implements Component {
  private static final Duration GRACE = Duration.ofSeconds(30);

  protected final StateLayout layout;
  private volatile Process process;

  protected ProcessComponent(StateLayout layout) {
    this.layout = layout;
  }

  /** The command line, its first element the executable. */
  protected abstract List<String> command();

  /** The folder it runs in. */
  protected abstract Path workingDirectory();

  /** Writes whatever configuration it needs before each start. */
  protected void prepare() throws IOException {}

  /** Extra environment variables. */
  protected Map<String, String> environment() {
    return Map.of();
  }

  @Override
  public Path logFile() {
    return layout.log(name());
  }

  @Override
  public synchronized void start() {
    try {
      prepare();
      Files.createDirectories(layout.logs());
      Files.createDirectories(layout.run());
      Files.createDirectories(workingDirectory());
      Files.writeString(
          logFile(),
          "---- %s starting at %s ----%n".formatted(name(), Instant.now()),
          java.nio.file.StandardOpenOption.CREATE,
          java.nio.file.StandardOpenOption.APPEND);
      ProcessBuilder builder =
          new ProcessBuilder(command())
              .directory(workingDirectory().toFile())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile()))
              .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
      builder.environment().putAll(environment());
      process = builder.start();
      Files.writeString(layout.componentPid(name()), Long.toString(process.pid()));
    } catch (IOException e) {
      throw new LakehouseException(
          "Cannot start %s: %s".formatted(description(), e.getMessage()), logFile(), e);
    }
  }

  @Override
  public boolean isAlive() {
    Process current = process;
    if (current != null) {
      return current.isAlive();
    }
    return recordedProcess().map(ProcessHandle::isAlive).orElse(false);
  }

  @Override
  public int exitCode() {
    Process current = process;
    return current != null && !current.isAlive() ? current.exitValue() : -1;
  }

  @Override
  public synchronized void stop() {
    Optional<ProcessHandle> handle =
        process != null ? Optional.of(process.toHandle()) : recordedProcess();
    handle.ifPresent(ProcessComponent::terminate);
    try {
      Files.deleteIfExists(layout.componentPid(name()));
    } catch (IOException e) {
      // A stale pid file is checked against the live process before it is used.
    }
  }

  /** The process recorded in the pid file, when it is still this component's process. */
  public Optional<ProcessHandle> recordedProcess() {
    Path pidFile = layout.componentPid(name());
    try {
      if (!Files.exists(pidFile)) {
        return Optional.empty();
      }
      long pid = Long.parseLong(Files.readString(pidFile).strip());
      return ProcessHandle.of(pid)
          .filter(ProcessHandle::isAlive)
          .filter(handle -> handle.info().commandLine().map(this::isOurs).orElse(true));
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** Whether a command line is this component's, so a recycled pid is never killed. */
  protected boolean isOurs(String commandLine) {
    return commandLine.contains(layout.root().toString());
  }

  private static void terminate(ProcessHandle handle) {
    if (!handle.isAlive()) {
      return;
    }
    handle.destroy();
    try {
      handle.onExit().get(GRACE.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      handle.destroyForcibly();
    } catch (java.util.concurrent.ExecutionException e) {
      handle.destroyForcibly();
    } catch (InterruptedException e) {
      handle.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  /** The last lines of the log, to show with a failure. */
  public String logTail(int lines) {
    try {
      List<String> all = Files.readAllLines(logFile());
      return String.join(
          System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "";
    }
  }

  /** The java executable of the JDK this process runs on, used for the Java components too. */
  protected static String javaExecutable() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
