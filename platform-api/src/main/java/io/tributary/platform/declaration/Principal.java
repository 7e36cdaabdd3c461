package io.tributary.platform.declaration;

import java.util.Locale;
import java.util.Objects;

/**
 * Who a grant is for: {@code group:NAME} (an OIDC group) or {@code user:NAME} (an OIDC subject).
 */
public record Principal(Kind kind, String name) {

  /** The two kinds of principal. */
  public enum Kind {
    GROUP,
    USER;

    public String declaredName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public Principal {
    Objects.requireNonNull(kind, "kind");
    if (!Names.IDENTITY.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "'" + name + "' is not a valid " + kind.declaredName() + " name");
    }
  }

  /**
   * Reads {@code group:finance} or {@code user:alice@example.com}.
   *
   * @throws IllegalArgumentException naming the text
   */
  public static Principal parse(String text) {
    int colon = text.indexOf(':');
    String prefix = colon < 0 ? "" : text.substring(0, colon);
    String name = colon < 0 ? "" : text.substring(colon + 1);
    Kind kind =
        switch (prefix) {
          case "group" -> Kind.GROUP;
          case "user" -> Kind.USER;
          default -> null;
        };
    if (kind == null || !Names.IDENTITY.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a principal; expected group:NAME or user:NAME");
    }
    return new Principal(kind, name);
  }

  @Override
  public String toString() {
    return kind.declaredName() + ":" + name;
  }
}
