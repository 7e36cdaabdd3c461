package io.tributary.platform.security;

import io.tributary.platform.registry.PlatformStore;
import io.tributary.platform.service.AccessControlPublisher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers the groups of every verified token and keeps Trino's group file in step, so that a user
 * who connects to Trino over JDBC, or for whom the platform queries, has the same groups there as
 * in their token.
 */
@ApplicationScoped
public class GroupDirectory {
  @Inject PlatformStore store;
  @Inject AccessControlPublisher accessControl;

  private final Map<String, Set<String>> known = new ConcurrentHashMap<>();

  /** Records the caller's groups when they differ from what the platform last saw. */
  public void saw(Caller caller) {
    Set<String> previous = known.get(caller.user());
    if (caller.groups().equals(previous)) {
      return;
    }
    store.recordUserGroups(caller.user(), caller.groups());
    known.put(caller.user(), caller.groups());
    publish();
  }

  /** Rewrites Trino's group file, and the rules that depend on membership. */
  public void publish() {
    accessControl.publish();
  }
}
