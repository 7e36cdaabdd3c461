package io.tributary.platform.registry;

/**
 * Where an access request stands, as stored. An approved request whose grant has passed its expiry
 * is shown as expired ({@link AccessRequestRecord#effectiveStatus}); that is derived, never stored,
 * so no writer has to be running when the expiry passes.
 */
public enum AccessRequestStatus {
  PENDING,
  APPROVED,
  REJECTED,
  REVOKED;

  /** Whether a request in this status may move to {@code next}. */
  public boolean mayBecome(AccessRequestStatus next) {
    return switch (this) {
      case PENDING -> next == APPROVED || next == REJECTED;
      case APPROVED -> next == REVOKED;
      case REJECTED, REVOKED -> false;
    };
  }
}
