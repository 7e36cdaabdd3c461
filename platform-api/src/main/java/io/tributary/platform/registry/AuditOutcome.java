package io.tributary.platform.registry;

/** How an audited action ended. */
public enum AuditOutcome {
  /** Done. */
  SUCCEEDED,
  /** Refused for lack of rights (including every cross-tenant attempt). */
  DENIED,
  /** Attempted and refused or failed for another reason: invalid, stale, an error. */
  FAILED
}
