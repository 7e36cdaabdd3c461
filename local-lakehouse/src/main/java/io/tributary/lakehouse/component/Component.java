package io.tributary.lakehouse.component;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** One part of the local lakehouse that the supervisor starts, watches and stops. */
public interface Component {

  /** A short, stable name: the log is {@code logs/<name>.log}. */
  String name();

  /** What it is, for people. */
  String description();

  /** Where clients reach it. */
  String url();

  /** Each port it listens on, with what that port is for and the variable that moves it. */
  List<PortUse> ports();

  Path logFile();

  /** How long start-up may take before the supervisor gives up. */
  Duration startTimeout();

  /** Starts it; returns once it is launched, not necessarily ready. */
  void start();

  /** Asks the running component, over its own protocol, whether it serves. */
  Health probe();

  /**
   * Whether it is still running, as far as this process can tell. A component that runs in another
   * process answers from that process's state.
   */
  boolean isAlive();

  /** Exit code of a component process that has ended, or -1. */
  default int exitCode() {
    return -1;
  }

  /** Stops it, gracefully where it can; returns once it has stopped. */
  void stop();

  /** A port a component listens on. */
  record PortUse(int port, String purpose, String variable) {}
}
