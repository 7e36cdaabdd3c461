package io.tributary.platform.security;

import java.util.List;
import java.util.Set;

/**
 * Who is calling: the token's {@code sub} and {@code groups}, resolved once per request.
 *
 * @param user the user, from the {@code sub} claim
 * @param groups the OIDC groups, from the {@code groups} claim
 * @param admin whether the caller is in the platform's admin group
 */
public record Caller(String user, Set<String> groups, boolean admin) {

  public Caller {
    groups = Set.copyOf(groups);
  }

  /** Whether the caller belongs to any of these groups. */
  public boolean inAnyOf(List<String> candidates) {
    return candidates.stream().anyMatch(groups::contains);
  }
}
