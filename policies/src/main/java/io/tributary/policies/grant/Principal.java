package io.tributary.policies.grant;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Who a grant is for: {@code group:NAME} (an OIDC group) or {@code user:NAME} (an OIDC subject).
 *
 * @param kind group or user
 * @param name the group or user name, as the identity provider spells it
 */
public record Principal(Kind kind, String name) {
  /** The names the declarations accept: the OIDC names Trino and Lake Formation both take. */
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@+\\-]{0,255}");

  /** The two kinds of principal. */
  public enum Kind {
    GROUP,
    USER;

    /** The prefix written before the colon: {@code group} or {@code user}. */
    public String prefix() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public Principal {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "'%s' is not a valid %s name: it starts with a letter or digit and holds only letters,"
                  .formatted(name, kind.prefix())
              + " digits and . _ @ + - (at most 256 characters)");
    }
  }

  /** {@code group:NAME}. */
  public static Principal group(String name) {
    return new Principal(Kind.GROUP, name);
  }

  /** {@code user:NAME}. */
  public static Principal user(String name) {
    return new Principal(Kind.USER, name);
  }

  /**
   * Reads {@code group:finance} or {@code user:alice@example.com}.
   *
   * @throws IllegalArgumentException naming the text and what was expected
   */
  public static Principal parse(String text) {
    Objects.requireNonNull(text, "text");
    int colon = text.indexOf(':');
    Kind kind =
        switch (colon < 0 ? "" : text.substring(0, colon)) {
          case "group" -> Kind.GROUP;
          case "user" -> Kind.USER;
          default -> null;
        };
    if (kind == null) {
      throw new IllegalArgumentException(
          "'%s' is not a principal: expected group:NAME or user:NAME".formatted(text));
    }
    try {
      return new Principal(kind, text.substring(colon + 1));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "'%s' is not a principal: %s".formatted(text, e.getMessage()), e);
    }
  }

  /** Whether this principal is the caller or one of the caller's groups. */
  public boolean includes(Caller caller) {
    return switch (kind) {
      case USER -> caller.user().equals(name);
      case GROUP -> caller.groups().contains(name);
    };
  }

  @Override
  public String toString() {
    return kind.prefix() + ":" + name;
  }
}
