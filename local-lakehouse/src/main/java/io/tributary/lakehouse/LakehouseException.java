package io.tributary.lakehouse;

import java.nio.file.Path;

/**
 * A problem the user can act on: a busy port, a missing JDK, a component that would not start. The
 * message says what is wrong; {@link #logFile()} names the log that tells more, when there is one.
 */
public class LakehouseException extends RuntimeException {
  private final Path logFile;

  public LakehouseException(String message, Path logFile) {
    super(logFile == null ? message : message + " (log: " + logFile + ")");
    this.logFile = logFile;
  }

  public LakehouseException(String message, Path logFile, Throwable cause) {
    super(logFile == null ? message : message + " (log: " + logFile + ")", cause);
    this.logFile = logFile;
  }

  /** The first line of the message, without the log file: what went wrong, in one sentence. */
  public String summary() {
    String message = getMessage();
    String first = message.lines().findFirst().orElse(message);
    String suffix = " (log: " + logFile + ")";
    return first.endsWith(suffix) ? first.substring(0, first.length() - suffix.length()) : first;
  }

  public Path logFile() {
    return logFile;
  }
}
