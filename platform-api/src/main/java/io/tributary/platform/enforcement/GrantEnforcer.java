package io.tributary.platform.enforcement;

/**
 * Takes an engine's permissions to what the registry grants. Each call gets the whole state, so an
 * enforcer reconciles rather than applies deltas: running it twice changes nothing the second time,
 * and a run after a failure catches up.
 */
public interface GrantEnforcer {
  /** The name {@code tributary.grants.enforcers} selects it by, such as {@code trino-rules}. */
  String name();

  /**
   * Applies the snapshot.
   *
   * @throws RuntimeException when the engine refused part of it; what was applied stays applied
   */
  void enforce(AccessSnapshot snapshot);
}
