package io.tributary.platform.registry;

import java.util.Objects;

/**
 * A provisioning run's id: {@code <domain>.<ULID>}. The domain is part of the id so that a run is
 * found by id alone with one strongly consistent key lookup (no secondary index, which would be
 * eventually consistent right after the run is created), and the ULID sorts a domain's runs by
 * start time.
 *
 * @param domain the domain the run provisions
 * @param ulid a ULID, unique and time-ordered
 */
public record RunId(String domain, String ulid) {
  public RunId {
    Names.requireDomain(domain);
    if (!Ulid.isValid(ulid)) {
      throw new IllegalArgumentException("invalid run id: '" + ulid + "' is not a ULID");
    }
  }

  /** Parses the text form; throws {@link IllegalArgumentException} when it is not a run id. */
  public static RunId parse(String text) {
    Objects.requireNonNull(text, "run id");
    int separator = text.lastIndexOf('.');
    if (separator < 0) {
      throw new IllegalArgumentException("invalid run id '" + text + "': expected <domain>.<ULID>");
    }
    return new RunId(text.substring(0, separator), text.substring(separator + 1));
  }

  @Override
  public String toString() {
    return domain + "." + ulid;
  }
}
