package io.tributary.platform.registry;

import java.util.Objects;

/**
 * An access request's id: {@code <domain>.<ULID>}, the domain being the one of the requested
 * product. As with {@link RunId}, the domain in the id lets a decision find the request with one
 * strongly consistent key lookup in the domain's partition, without a scan or an index.
 *
 * @param domain the domain of the requested product
 * @param ulid a ULID, unique and time-ordered
 */
public record AccessRequestId(String domain, String ulid) {
  public AccessRequestId {
    Names.requireDomain(domain);
    if (!Ulid.isValid(ulid)) {
      throw new IllegalArgumentException("invalid access request id: '" + ulid + "' is not a ULID");
    }
  }

  /** Parses the text form; throws {@link IllegalArgumentException} when it is not a request id. */
  public static AccessRequestId parse(String text) {
    Objects.requireNonNull(text, "access request id");
    int separator = text.lastIndexOf('.');
    if (separator < 0) {
      throw new IllegalArgumentException(
          "invalid access request id '" + text + "': expected <domain>.<ULID>");
    }
    return new AccessRequestId(text.substring(0, separator), text.substring(separator + 1));
  }

  @Override
  public String toString() {
    return domain + "." + ulid;
  }
}
