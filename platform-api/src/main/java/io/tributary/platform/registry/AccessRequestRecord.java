package io.tributary.platform.registry;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A stored access request and its decision.
 *
 * @param id the request's id, naming its domain
 * @param product the requested product, in the id's domain
 * @param requester the user the grant goes to
 * @param columns the requested columns; empty for all of them
 * @param purpose why the requester needs the data
 * @param duration how long the grant lasts, counted from the approval
 * @param status the stored status
 * @param requestedAt when it was asked for
 * @param decidedBy who approved or rejected it, or revoked it last; null while pending
 * @param decidedAt when that happened; null while pending
 * @param reason the decider's reason, if given
 * @param expiresAt when the grant ends: the approval plus the duration; null unless approved
 * @param revision rises with every decision, for optimistic concurrency
 */
public record AccessRequestRecord(
    AccessRequestId id,
    String product,
    String requester,
    Optional<List<String>> columns,
    String purpose,
    Duration duration,
    AccessRequestStatus status,
    Instant requestedAt,
    String decidedBy,
    Instant decidedAt,
    String reason,
    Instant expiresAt,
    long revision) {

  public String domain() {
    return id.domain();
  }

  /** Whether the request grants access at {@code now}: approved and not yet expired. */
  public boolean grantsAccessAt(Instant now) {
    return status == AccessRequestStatus.APPROVED && expiresAt != null && now.isBefore(expiresAt);
  }

  /** The status as clients see it: an approved request past its expiry is {@code expired}. */
  public String effectiveStatus(Instant now) {
    if (status == AccessRequestStatus.APPROVED && !grantsAccessAt(now)) {
      return "expired";
    }
    return status.name().toLowerCase();
  }
}
