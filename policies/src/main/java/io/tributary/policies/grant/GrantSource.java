package io.tributary.policies.grant;

import java.util.Objects;

/** Where a grant comes from: the product's declaration, or an approved access request. */
public sealed interface GrantSource {

  static GrantSource declared() {
    return new Declared();
  }

  static GrantSource accessRequest(String id) {
    return new AccessRequest(id);
  }

  /** Written in the product's {@code access.grants}. */
  record Declared() implements GrantSource {
    @Override
    public String toString() {
      return "declared";
    }
  }

  /** Made when the owning domain approved this access request. */
  record AccessRequest(String id) implements GrantSource {
    public AccessRequest {
      Objects.requireNonNull(id, "id");
      if (id.isBlank()) {
        throw new IllegalArgumentException("an access request id cannot be blank");
      }
    }

    @Override
    public String toString() {
      return "access-request:" + id;
    }
  }
}
