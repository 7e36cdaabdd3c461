package io.tributary.platform.security;

import io.tributary.platform.config.PlatformConfig;
import io.tributary.platform.registry.PlatformStore;
import io.tributary.platform.registry.UserGroups;
import io.tributary.policies.trino.TrinoAccessControl;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Remembers the groups of every verified token and keeps Trino's group file in step, so that a user
 * who connects to Trino over JDBC, or for whom the platform queries, has the same groups there as
 * in their token.
 */
@ApplicationScoped
public class GroupDirectory {
  private static final Logger LOG = Logger.getLogger(GroupDirectory.class);

  @Inject PlatformStore store;
  @Inject PlatformConfig config;

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

  /** Rewrites Trino's group file from every user's last seen groups. */
  public synchronized void publish() {
    config
        .trino()
        .groupsFile()
        .ifPresent(
            file -> {
              Map<String, Set<String>> groupsByUser = new HashMap<>();
              for (UserGroups user : store.allUserGroups()) {
                groupsByUser.put(user.user(), user.groups());
              }
              groupsByUser.putAll(known);
              try {
                TrinoAccessControl.writeGroups(
                    file, TrinoAccessControl.membersByGroup(groupsByUser));
              } catch (IllegalArgumentException unusableName) {
                LOG.warnf("Not writing Trino's group file: %s", unusableName.getMessage());
              }
            });
  }
}
