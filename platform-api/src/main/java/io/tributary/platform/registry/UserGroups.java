package io.tributary.platform.registry;

import java.time.Instant;
import java.util.Set;

/**
 * The groups a user's token carried when the user was last seen: the source of Trino's group file.
 *
 * @param user the user (the token's subject)
 * @param groups the user's groups
 * @param lastSeen when the platform last saw the user
 */
public record UserGroups(String user, Set<String> groups, Instant lastSeen) {
  public UserGroups {
    groups = Set.copyOf(groups);
  }
}
