package io.tributary.platform.query;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** Which version of the table to read: as it was at an instant, or at one Iceberg snapshot. */
public sealed interface AsOf {
  /** The prefix of the snapshot form, {@code asOf=snapshot:<id>}. */
  String SNAPSHOT_PREFIX = "snapshot:";

  /** The text that identifies this version in a page token's fingerprint. */
  String canonical();

  /** The table as it was at this instant: the snapshot current then. */
  record AtInstant(Instant instant) implements AsOf {
    @Override
    public String canonical() {
      return instant.toString();
    }
  }

  /** The table at this snapshot. */
  record AtSnapshot(long snapshotId) implements AsOf {
    @Override
    public String canonical() {
      return SNAPSHOT_PREFIX + snapshotId;
    }
  }

  /**
   * Reads {@code snapshot:<id>} or an ISO-8601 instant with its offset ({@code
   * 2025-01-31T12:00:00Z}, {@code 2025-01-31T13:00:00+01:00}).
   */
  static AsOf parse(String text) {
    if (text.startsWith(SNAPSHOT_PREFIX)) {
      String id = text.substring(SNAPSHOT_PREFIX.length());
      if (!id.matches("-?[0-9]{1,19}")) {
        throw new InvalidParameterException(
            ReadRequest.AS_OF,
            "'%s' is not a snapshot id: expected snapshot:<number>".formatted(id));
      }
      try {
        return new AtSnapshot(Long.parseLong(id));
      } catch (NumberFormatException tooLarge) {
        throw new InvalidParameterException(
            ReadRequest.AS_OF, "'%s' is not a snapshot id: it is too large".formatted(id));
      }
    }
    try {
      return new AtInstant(OffsetDateTime.parse(text).toInstant());
    } catch (DateTimeParseException notAnInstant) {
      throw new InvalidParameterException(
          ReadRequest.AS_OF,
          ("'%s' is neither an ISO-8601 instant with an offset (2025-01-31T12:00:00Z) nor"
                  + " snapshot:<id>")
              .formatted(text));
    }
  }
}
