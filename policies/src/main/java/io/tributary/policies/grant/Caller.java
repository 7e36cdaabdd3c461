package io.tributary.policies.grant;

import java.util.Objects;
import java.util.Set;

/**
 * Who is asking: a user and the groups the identity provider says they belong to.
 *
 * @param user the user (the token's {@code sub})
 * @param groups the user's groups (the token's {@code groups})
 */
public record Caller(String user, Set<String> groups) {
  public Caller {
    Objects.requireNonNull(user, "user");
    groups = Set.copyOf(groups);
  }

  public static Caller of(String user, String... groups) {
    return new Caller(user, Set.of(groups));
  }
}
