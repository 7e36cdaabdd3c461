package io.tributary.platform.query.trino;

/**
 * The service user's bearer token for Trino: signed by the platform where it holds the key (the
 * local topology), or configured where an external issuer signs it.
 */
@FunctionalInterface
public interface ServiceTokens {

  /** A token valid for at least a few more minutes. */
  String current();

  /** A token issued elsewhere, used as it is. */
  static ServiceTokens fixed(String token) {
    return () -> token;
  }
}
