package io.tributary.platform.enforcement;

import java.util.ArrayList;
import java.util.List;

/**
 * The enforcers {@code tributary.grants.enforcers} selected, in the order every publish runs them.
 * Closing closes those holding clients.
 */
public record GrantEnforcers(List<GrantEnforcer> all) implements AutoCloseable {
  public GrantEnforcers {
    all = List.copyOf(all);
  }

  /** The enforcers' names, in order. */
  public List<String> names() {
    return all.stream().map(GrantEnforcer::name).toList();
  }

  @Override
  public void close() {
    List<Exception> failures = new ArrayList<>();
    for (GrantEnforcer enforcer : all) {
      if (enforcer instanceof AutoCloseable closeable) {
        try {
          closeable.close();
        } catch (Exception e) {
          failures.add(e);
        }
      }
    }
    if (!failures.isEmpty()) {
      IllegalStateException failure = new IllegalStateException("closing the grant enforcers");
      failures.forEach(failure::addSuppressed);
      throw failure;
    }
  }
}
