package io.tributary.platform.api.view;

import io.tributary.platform.registry.AccessRequestRecord;
import java.time.Instant;

/**
 * An access request as clients (and event sinks) see it. {@code columns} is {@code "all"} or the
 * list of requested columns; {@code status} is {@code expired} for an approved request past its
 * expiry.
 */
public record AccessRequestView(
    String id,
    String domain,
    String product,
    String requester,
    Object columns,
    String purpose,
    String duration,
    String status,
    Instant requestedAt,
    String decidedBy,
    Instant decidedAt,
    String reason,
    Instant expiresAt,
    long revision) {

  public static AccessRequestView of(AccessRequestRecord request, Instant now) {
    return new AccessRequestView(
        request.id().toString(),
        request.domain(),
        request.product(),
        request.requester(),
        request.columns().<Object>map(columns -> columns).orElse("all"),
        request.purpose(),
        text(request.duration()),
        request.effectiveStatus(now),
        request.requestedAt(),
        request.decidedBy(),
        request.decidedAt(),
        request.reason(),
        request.expiresAt(),
        request.revision());
  }

  /** ISO-8601, in days when it is whole days ({@code P30D}, not {@code PT720H}). */
  public static String text(java.time.Duration duration) {
    java.time.Duration day = java.time.Duration.ofDays(1);
    return duration.toSeconds() % day.toSeconds() == 0 && duration.getNano() == 0
        ? "P" + duration.toDays() + "D"
        : duration.toString();
  }
}
