package io.tributary.platform.registry;

/** A finished provisioning run was asked to change; a retry is a new run. Rendered as 409. */
public final class RunFinishedException extends RegistryException {
  public RunFinishedException(RunId id, RunStatus status) {
    super("registry.run_finished", 409, "run " + id + " already " + status, null);
  }
}
